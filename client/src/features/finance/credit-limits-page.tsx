// Placeholder from the issue-15 contract; its branch replaces it.
export function CreditLimitsPage() {
  return <h1>CreditLimitsPage</h1>;
}
