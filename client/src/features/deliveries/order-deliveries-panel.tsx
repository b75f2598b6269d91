// Placeholder from the issue-15 contract; branch `deliv` replaces it (same file, same export).
export function OrderDeliveriesPanel(_props: { orderId: string }) {
  return null;
}
