// Placeholder from the issue-15 contract; its branch replaces it.
export function DispatchPage() {
  return <h1>DispatchPage</h1>;
}
