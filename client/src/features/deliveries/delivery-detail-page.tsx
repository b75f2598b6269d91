// Placeholder from the issue-15 contract; its branch replaces it.
export function DeliveryDetailPage() {
  return <h1>DeliveryDetailPage</h1>;
}
