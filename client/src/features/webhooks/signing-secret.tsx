import { Alert, Anchor, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

// Shown once, after an endpoint is added or its secret rotated: the server keeps only what it
// needs to sign, and no later answer carries the secret again.

const VERIFY_EXAMPLE = `import { verifyWebhook } from '@tradeloom/sdk';

// rawBody: the request body exactly as received (not re-serialised JSON)
const event = await verifyWebhook(process.env.TRADELOOM_WEBHOOK_SECRET, request.headers, rawBody);
// throws WebhookVerificationError when the signature or timestamp does not match`;

export function SigningSecret({ secret, title }: { secret: string; title: string }) {
  return (
    <Stack gap="sm" data-testid="signing-secret">
      <Alert color="yellow" title={title}>
        Copy it now: this is the only time Tradeloom shows it. Keep it in your receiver’s secret store; anyone holding it can sign messages
        as Tradeloom.
      </Alert>
      <Code block data-testid="signing-secret-value" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {secret}
      </Code>
      <Group>
        <CopyButton value={secret}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy secret'}</Button>}</CopyButton>
      </Group>
      <Text size="sm">
        Each delivery carries the headers <Code>webhook-id</Code>, <Code>webhook-timestamp</Code> and <Code>webhook-signature</Code> of the{' '}
        <Anchor href="https://www.standardwebhooks.com" target="_blank" rel="noreferrer" size="sm">
          Standard Webhooks
        </Anchor>{' '}
        specification: an HMAC-SHA256 of <Code>id.timestamp.body</Code> with this secret. Any Standard Webhooks library verifies it; in
        Node, the Tradeloom SDK’s <Code>verifyWebhook</Code> does:
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {VERIFY_EXAMPLE}
      </Code>
      <Text size="sm" c="dimmed">
        The same <Code>webhook-id</Code> can arrive more than once (retries and replays): treat a repeat as already handled.
      </Text>
    </Stack>
  );
}
