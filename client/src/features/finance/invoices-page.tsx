// Placeholder from the issue-15 contract; its branch replaces it.
export function InvoicesPage() {
  return <h1>InvoicesPage</h1>;
}
