// Placeholder from the issue-15 contract; branch `pay` replaces it (same file, same export).
export function InvoicePaymentsPanel(_props: { invoiceId: string }) {
  return null;
}
