// Placeholder from the issue-15 contract; branch `inv` replaces it (same file, same export).
export function ContractInvoicesPanel(_props: { contractId: string }) {
  return null;
}
