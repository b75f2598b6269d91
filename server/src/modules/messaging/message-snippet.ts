// A search hit's snippet: plain text around the first word of the query found in the message,
// on one line, cut at word boundaries with an ellipsis. No markup: the client shows it as text.

const SNIPPET_CHARS = 160;

export function messageSnippet(body: string, q: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= SNIPPET_CHARS) return text;
  const lower = text.toLowerCase();
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const found = words.map((word) => lower.indexOf(word)).filter((at) => at >= 0);
  const at = found.length ? Math.min(...found) : 0;
  let start = Math.max(0, at - SNIPPET_CHARS / 3);
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  start = Math.max(0, end - SNIPPET_CHARS);
  // Whole words only, unless the cut falls at the text's own ends.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
