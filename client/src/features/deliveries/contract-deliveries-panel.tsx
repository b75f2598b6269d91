// Placeholder from the issue-15 contract; branch `deliv` replaces it (same file, same export).
export function ContractDeliveriesPanel(_props: { contractId: string }) {
  return null;
}
