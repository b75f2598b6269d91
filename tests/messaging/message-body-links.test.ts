import { describe, expect, it } from 'vitest';
import { bodyParts } from '../../client/src/features/messaging/message-links.ts';

describe('a message body split into text and links', () => {
  it('keeps plain text as one text part', () => {
    expect(bodyParts('Bales leave Rajkot on Monday.')).toEqual([{ kind: 'text', text: 'Bales leave Rajkot on Monday.' }]);
  });

  it('links an https address and leaves the sentence around it as text', () => {
    expect(bodyParts('Lab report: https://lab.example/r/42 as agreed')).toEqual([
      { kind: 'text', text: 'Lab report: ' },
      { kind: 'link', text: 'https://lab.example/r/42', href: 'https://lab.example/r/42' },
      { kind: 'text', text: ' as agreed' },
    ]);
  });

  it('leaves sentence punctuation after an address out of the link', () => {
    expect(bodyParts('See http://a.example/x. Or (https://b.example/y), thanks!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'http://a.example/x', href: 'http://a.example/x' },
      { kind: 'text', text: '. Or (' },
      { kind: 'link', text: 'https://b.example/y', href: 'https://b.example/y' },
      { kind: 'text', text: '), thanks!' },
    ]);
  });

  it('keeps a closing bracket that belongs to the address', () => {
    expect(bodyParts('https://en.wikipedia.example/wiki/Cotton_(fibre)')).toEqual([
      {
        kind: 'link',
        text: 'https://en.wikipedia.example/wiki/Cotton_(fibre)',
        href: 'https://en.wikipedia.example/wiki/Cotton_(fibre)',
      },
    ]);
  });

  it('links a bare www address over https', () => {
    expect(bodyParts('www.mill.example/specs')).toEqual([
      { kind: 'link', text: 'www.mill.example/specs', href: 'https://www.mill.example/specs' },
    ]);
  });

  it('never links javascript:, data: or markup, which stay the characters typed', () => {
    const hostile = 'javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">y</a>';
    expect(bodyParts(hostile)).toEqual([{ kind: 'text', text: hostile }]);
  });

  it('ends an address at a quote or angle bracket, so markup around it is not part of the link', () => {
    expect(bodyParts('<a href="https://x.example/p">go</a>')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', text: 'https://x.example/p', href: 'https://x.example/p' },
      { kind: 'text', text: '">go</a>' },
    ]);
  });

  it('gives back exactly the characters it was given', () => {
    const body = 'Line one\nhttps://a.example/1, https://b.example/2.\n\n  www.c.example!';
    expect(
      bodyParts(body)
        .map((part) => part.text)
        .join(''),
    ).toBe(body);
  });
});
