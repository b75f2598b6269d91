// Placeholder from the issue-15 contract; its branch replaces it.
export function PaymentDetailPage() {
  return <h1>PaymentDetailPage</h1>;
}
