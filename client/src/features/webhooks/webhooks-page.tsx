import { Button, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { WebhookEndpointView } from '@tradeloom/shared';
import { Link } from 'react-router';
import { RequirePermission } from '../../components/require-permission.tsx';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { EndpointHealth } from './webhook-badges.tsx';
import { endpointPath, NEW_ENDPOINT_PATH } from './webhook-paths.ts';

/** The company's webhook endpoints: where Tradeloom posts its events, and how each is doing. */
export function WebhooksPage() {
  return (
    <RequirePermission permission="webhooks:manage">
      <Endpoints />
    </RequirePermission>
  );
}

function Endpoints() {
  const endpoints = trpc.webhooks.endpoints.list.useQuery();
  const hasAny = (endpoints.data?.items.length ?? 0) > 0;
  return (
    <Stack>
      <PageHeader
        title="Webhooks"
        description="Tradeloom tells your own systems (ERP, accounts, scripts) what happens, as signed HTTPS requests."
        actions={
          hasAny && (
            <Button component={Link} to={NEW_ENDPOINT_PATH}>
              Add endpoint
            </Button>
          )
        }
      />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <QueryView query={endpoints}>
          {(data) => (data.items.length === 0 ? <NoEndpoints /> : <EndpointTable endpoints={data.items} />)}
        </QueryView>
      </Paper>
    </Stack>
  );
}

/** What a webhook is, for a company that has none yet. */
function NoEndpoints() {
  return (
    <Stack gap="sm" align="flex-start" data-testid="webhooks-empty">
      <Title order={4}>No endpoints yet</Title>
      <Text size="sm">
        A webhook is an address of yours that Tradeloom calls when something happens in your company: an order is submitted or accepted, a
        tender awarded, an invoice issued, a partner asks to link. Your system reacts at once instead of asking for changes.
      </Text>
      <List size="sm" spacing={4}>
        <List.Item>You choose which events each endpoint receives.</List.Item>
        <List.Item>
          Every request is signed with the endpoint’s secret (Standard Webhooks), so your system can tell it came from us.
        </List.Item>
        <List.Item>A failed delivery is retried for about a day, logged attempt by attempt, and can be sent again.</List.Item>
      </List>
      <Button component={Link} to={NEW_ENDPOINT_PATH}>
        Add endpoint
      </Button>
    </Stack>
  );
}

function EndpointTable({ endpoints }: { endpoints: WebhookEndpointView[] }) {
  return (
    <DataTable
      headers={[
        'Endpoint',
        'Status',
        { label: 'Events', numeric: true },
        { label: 'Delivered (24 h)', numeric: true },
        { label: 'Failed (24 h)', numeric: true },
      ]}
      minWidth={720}
    >
      {endpoints.map((endpoint) => (
        <LinkRow key={endpoint.id} data-testid="webhook-endpoint">
          <Table.Td maw={360}>
            <Stack gap={2}>
              <RowLink to={endpointPath(endpoint.id)} wrap>
                {endpoint.url}
              </RowLink>
              {endpoint.description && (
                <Text size="xs" c="dimmed">
                  {endpoint.description}
                </Text>
              )}
            </Stack>
          </Table.Td>
          <Table.Td>
            <EndpointHealth endpoint={endpoint} />
          </Table.Td>
          <NumberCell>{endpoint.events.length}</NumberCell>
          <NumberCell>{endpoint.recent.succeeded}</NumberCell>
          <NumberCell fw={endpoint.recent.failed > 0 ? 700 : undefined}>
            <Text span size="sm" c={endpoint.recent.failed > 0 ? 'red' : undefined} inherit>
              {endpoint.recent.failed}
            </Text>
          </NumberCell>
        </LinkRow>
      ))}
    </DataTable>
  );
}
