// Placeholder from the issue-15 contract; its branch replaces it.
export function OutstandingPage() {
  return <h1>OutstandingPage</h1>;
}
