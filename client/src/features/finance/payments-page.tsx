// Placeholder from the issue-15 contract; its branch replaces it.
export function PaymentsPage() {
  return <h1>PaymentsPage</h1>;
}
