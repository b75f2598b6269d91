import { Anchor, Box, Code, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';

// The viewer (Swagger UI, served by our server under /api/docs/) runs in a frame: its scripts and
// styles stay out of the app's bundle and cannot clash with Mantine's.
const VIEWER_URL = '/api/docs/';
const DOCUMENT_URL = '/api/openapi.json';

export function ApiDocsPage() {
  const can = useCan();
  const [loaded, setLoaded] = useState(false);
  const baseUrl = `${window.location.origin}/api/v1`;
  return (
    <Stack>
      <PageHeader
        title="REST API"
        description="Read and change this company's orders, catalog, partners, production, tenders, offers and contracts from any language."
      />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text size="sm">
            Base address: <Code style={{ wordBreak: 'break-all' }}>{baseUrl}</Code>
          </Text>
          <Text size="sm">
            Send a company API key with every call: <Code>Authorization: Bearer tlk_…</Code>. The key acts for its company with the scopes
            it was given; signing in to the app does not work here.{' '}
            {can('apiKeys:manage') ? (
              <Anchor component={Link} to="/api-keys">
                Create a key
              </Anchor>
            ) : (
              'An owner or admin creates keys.'
            )}
          </Text>
          <Group gap="md">
            <Anchor href={DOCUMENT_URL} target="_blank" size="sm">
              OpenAPI document (JSON)
            </Anchor>
            <Anchor href={VIEWER_URL} target="_blank" size="sm">
              Open the reference on its own
            </Anchor>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder style={{ overflow: 'hidden' }}>
        {!loaded && (
          <Text c="dimmed" size="sm" p="md">
            Loading the API reference…
          </Text>
        )}
        <Box
          component="iframe"
          src={VIEWER_URL}
          title="Tradeloom API reference"
          onLoad={() => setLoaded(true)}
          style={{ display: 'block', width: '100%', height: '75vh', border: 0 }}
        />
      </Paper>
    </Stack>
  );
}
