// Placeholder from the issue-15 contract; branch `inv` replaces it (same file, same export).
export function OrderInvoicesPanel(_props: { orderId: string }) {
  return null;
}
