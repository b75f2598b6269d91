// Placeholder from the issue-15 contract; its branch replaces it.
export function DisputeDetailPage() {
  return <h1>DisputeDetailPage</h1>;
}
