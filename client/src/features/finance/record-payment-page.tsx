// Placeholder from the issue-15 contract; its branch replaces it.
export function RecordPaymentPage() {
  return <h1>RecordPaymentPage</h1>;
}
