/** A run of a message body: plain text, or a web address to draw as a link. */
export type BodyPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// http(s) addresses and bare `www.` ones; anything else (javascript:, data:, mailto:) stays text.
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
// Sentence punctuation after an address belongs to the sentence: "see https://x.example/a." → no dot.
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * Splits a plain-text body into text and links. The text is never parsed as markup: callers draw
 * each part as a React text node, so `<script>` in a message stays the characters it is.
 */
export function bodyParts(body: string): BodyPart[] {
  const parts: BodyPart[] = [];
  let last = 0;
  for (const match of body.matchAll(ADDRESS)) {
    const start = match.index ?? 0;
    let address = match[0];
    const trailing = TRAILING.exec(address)?.[0] ?? '';
    // Keep a closing bracket that closes one opened inside the address (a Wikipedia-style path).
    const kept = trailing.startsWith(')') && address.includes('(') ? ')' : '';
    address = address.slice(0, address.length - trailing.length) + kept;
    const href = safeHref(address);
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: body.slice(last, start) });
    parts.push({ kind: 'link', text: address, href });
    last = start + address.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
}

/** The address as an http(s) URL, or null when it does not parse as one. */
function safeHref(address: string): string | null {
  try {
    const url = new URL(/^www\./i.test(address) ? `https://${address}` : address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
