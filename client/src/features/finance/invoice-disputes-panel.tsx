// Placeholder from the issue-15 contract; branch `disp` replaces it (same file, same export).
export function InvoiceDisputesPanel(_props: { invoiceId: string }) {
  return null;
}
