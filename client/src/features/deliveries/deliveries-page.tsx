// Placeholder from the issue-15 contract; its branch replaces it.
export function DeliveriesPage() {
  return <h1>DeliveriesPage</h1>;
}
