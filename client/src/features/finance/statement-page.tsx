// Placeholder from the issue-15 contract; its branch replaces it.
export function StatementPage() {
  return <h1>StatementPage</h1>;
}
