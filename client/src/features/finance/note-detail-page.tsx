// Placeholder from the issue-15 contract; its branch replaces it.
export function NoteDetailPage() {
  return <h1>NoteDetailPage</h1>;
}
