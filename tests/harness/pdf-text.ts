import { inflateSync } from 'node:zlib';

// The text of a PDF as pdfkit writes it with its standard fonts: each content stream is
// Flate-compressed, and each line is a `TJ` array of hex strings (WinAnsi codes) with kerning
// numbers between them. Enough to assert what a document says without a PDF library.

function streamsOf(pdf: Buffer): Buffer[] {
  const streams: Buffer[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream\n', at);
    if (start < 0) return streams;
    const end = pdf.indexOf('\nendstream', start);
    if (end < 0) return streams;
    const body = pdf.subarray(start + 'stream\n'.length, end);
    try {
      streams.push(inflateSync(body));
    } catch {
      streams.push(body); // uncompressed, or not a content stream (fonts, images)
    }
    at = end + '\nendstream'.length;
  }
}

const hexText = (hex: string) => Buffer.from(hex, 'hex').toString('latin1');

/** The document's text lines in drawing order, one per `TJ`/`Tj` operation. */
export function pdfTextLines(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const stream of streamsOf(pdf)) {
    const content = stream.toString('latin1');
    for (const match of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const parts = match[1] !== undefined ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] as string) : [match[2] as string];
      lines.push(parts.map(hexText).join(''));
    }
  }
  return lines;
}
