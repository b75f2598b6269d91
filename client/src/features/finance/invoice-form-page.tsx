// Placeholder from the issue-15 contract; its branch replaces it.
export function NewInvoicePage() {
  return <h1>NewInvoicePage</h1>;
}
