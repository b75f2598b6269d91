// Placeholder from the issue-15 contract; its branch replaces it.
export function InvoiceDetailPage() {
  return <h1>InvoiceDetailPage</h1>;
}
