// Placeholder from the issue-15 contract; branch `invdoc` replaces it (same file, same export).
export function InvoiceDocumentLinks(_props: { invoiceId: string }) {
  return null;
}
