// Placeholder from the issue-15 contract; its branch replaces it.
export function DisputesPage() {
  return <h1>DisputesPage</h1>;
}
