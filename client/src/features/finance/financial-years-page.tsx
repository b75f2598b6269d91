// Placeholder from the issue-15 contract; its branch replaces it.
export function FinancialYearsPage() {
  return <h1>FinancialYearsPage</h1>;
}
