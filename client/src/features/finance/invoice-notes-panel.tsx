// Placeholder from the issue-15 contract; branch `disp` replaces it (same file, same export).
export function InvoiceNotesPanel(_props: { invoiceId: string }) {
  return null;
}
