import { Anchor, Text } from '@mantine/core';
import { bodyParts } from './message-links.ts';

/**
 * A message body as plain text with its web addresses as links. Every part is a React text node:
 * markup in a message shows as the characters typed and never runs.
 */
export function MessageText({ body }: { body: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="message-body">
      {bodyParts(body).map((part, index) =>
        part.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one body never reorder
          <Anchor key={index} href={part.href} target="_blank" rel="noopener noreferrer">
            {part.text}
          </Anchor>
        ) : (
          part.text
        ),
      )}
    </Text>
  );
}
