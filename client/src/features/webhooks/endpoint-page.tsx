import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { WebhookEndpointView } from '@tradeloom/shared';
import { useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { Fact, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { trpc } from '../../lib/trpc.ts';
import { DeliveryLog } from './delivery-log.tsx';
import { EditEndpointForm } from './endpoint-form.tsx';
import { RotateSecretForm } from './rotate-secret-form.tsx';
import { EndpointStatusBadge } from './webhook-badges.tsx';
import { WEBHOOKS_PATH } from './webhook-paths.ts';

const ENDPOINT_NOT_FOUND = { title: 'Endpoint not found', to: WEBHOOKS_PATH, label: 'Back to webhooks' };

/** One endpoint: its settings and what may be done with it, and the log of what was sent to it. */
export function EndpointPage() {
  return (
    <RequirePermission permission="webhooks:manage" back={{ to: WEBHOOKS_PATH, label: 'Back to webhooks' }}>
      <Endpoint />
    </RequirePermission>
  );
}

function Endpoint() {
  const { endpointId = '' } = useParams();
  const endpoint = trpc.webhooks.endpoints.get.useQuery({ endpointId }, { retry: false });
  return (
    <QueryView query={endpoint} notFound={ENDPOINT_NOT_FOUND}>
      {(found) => <EndpointDetail endpoint={found} />}
    </QueryView>
  );
}

function EndpointDetail({ endpoint }: { endpoint: WebhookEndpointView }) {
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Webhooks', to: WEBHOOKS_PATH }, { label: endpoint.description || 'Endpoint' }]} />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} miw={0} style={{ flex: '1 1 320px' }}>
          <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="endpoint-url">
            {endpoint.url}
          </Title>
          {endpoint.description && (
            <Text c="dimmed" size="sm">
              {endpoint.description}
            </Text>
          )}
          <EndpointStatusBadge status={endpoint.status} />
        </Stack>
        <EndpointActions endpoint={endpoint} />
      </Group>
      <EndpointNotices endpoint={endpoint} />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label="Delivered (24 h)">{endpoint.recent.succeeded}</Fact>
          <Fact label="Failed (24 h)">{endpoint.recent.failed}</Fact>
          <Fact label="Waiting (24 h)">{endpoint.recent.pending}</Fact>
          <Fact label="Secret ends in">{endpoint.secretHint}</Fact>
          <Fact label="Added">{formatDateTime(endpoint.createdAt)}</Fact>
          <Fact label="Changed">{formatDateTime(endpoint.updatedAt)}</Fact>
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="md" mb={4}>
          Events ({endpoint.events.length})
        </Text>
        <Group gap={4} data-testid="endpoint-events">
          {endpoint.events.map((event) => (
            <Badge key={event} variant="outline" tt="none" ff="monospace" maw="100%">
              {event}
            </Badge>
          ))}
        </Group>
      </Paper>
      <DeliveryLog endpointId={endpoint.id} />
    </Stack>
  );
}

/** Why it is disabled, since when it fails, and a rotation still running, each in words. */
function EndpointNotices({ endpoint }: { endpoint: WebhookEndpointView }) {
  return (
    <>
      {endpoint.status === 'disabled' && (
        <Alert color="red" title="Disabled by Tradeloom" role="alert">
          {endpoint.disabledReason ?? 'Every delivery kept failing.'} Fix the receiver, then resume: waiting deliveries are sent again.
        </Alert>
      )}
      {endpoint.status === 'paused' && (
        <Alert color="gray" title="Paused">
          Nothing is sent while paused; new events wait and go out when you resume.
        </Alert>
      )}
      {endpoint.failingSince && endpoint.status === 'active' && (
        <Alert color="orange" title="Deliveries are failing">
          Every delivery since {formatDateTime(endpoint.failingSince)} has failed. Open one below to see what the receiver answered; an
          endpoint that keeps failing for days is disabled.
        </Alert>
      )}
      {endpoint.previousSecretExpiresAt && (
        <Alert color="blue" title="Secret rotation running">
          The previous secret also signs until {formatDateTime(endpoint.previousSecretExpiresAt)}.
        </Alert>
      )}
    </>
  );
}

function EndpointActions({ endpoint }: { endpoint: WebhookEndpointView }) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const [editing, edit] = useDisclosure();
  const [rotating, rotation] = useDisclosure();
  const refresh = (saved: WebhookEndpointView) => {
    utils.webhooks.endpoints.get.setData({ endpointId: saved.id }, saved);
    void utils.webhooks.endpoints.list.invalidate();
  };
  const setStatus = trpc.webhooks.endpoints.update.useMutation({
    onSuccess: (saved) => {
      refresh(saved);
      notifications.show({ color: 'teal', message: saved.status === 'paused' ? 'Paused: nothing is sent until you resume.' : 'Resumed.' });
    },
    onError: notifyError,
  });
  const test = trpc.webhooks.endpoints.test.useMutation({
    onSuccess: () => {
      void utils.webhooks.deliveries.list.invalidate({ endpointId: endpoint.id });
      notifications.show({ color: 'teal', message: 'Test event queued: it shows in the delivery log below.' });
    },
    onError: notifyError,
  });
  const remove = trpc.webhooks.endpoints.delete.useMutation({
    onSuccess: async () => {
      await utils.webhooks.endpoints.list.invalidate();
      notifications.show({ color: 'teal', message: 'Endpoint deleted.' });
      navigate(WEBHOOKS_PATH);
    },
    onError: notifyError,
  });
  const active = endpoint.status === 'active';
  return (
    <Group gap="xs" wrap="wrap">
      {active && (
        <Button onClick={() => test.mutate({ endpointId: endpoint.id })} loading={test.isPending}>
          Send test event
        </Button>
      )}
      <Button variant="default" onClick={edit.open}>
        Edit
      </Button>
      <Button
        variant="default"
        loading={setStatus.isPending}
        onClick={() => setStatus.mutate({ endpointId: endpoint.id, version: endpoint.version, status: active ? 'paused' : 'active' })}
      >
        {active ? 'Pause' : 'Resume'}
      </Button>
      <Button variant="default" onClick={rotation.open}>
        Rotate secret
      </Button>
      <Button
        variant="light"
        color="red"
        loading={remove.isPending}
        onClick={() =>
          window.confirm(`Delete the endpoint ${endpoint.url}? Nothing more is sent to it, and deliveries still waiting are dropped.`) &&
          remove.mutate({ endpointId: endpoint.id })
        }
      >
        Delete
      </Button>
      <Modal opened={editing} onClose={edit.close} title="Edit endpoint" size="lg">
        <EditEndpointForm endpoint={endpoint} onSaved={edit.close} />
      </Modal>
      {/* Unmounted on close, so a secret shown once is gone with it. */}
      <Modal opened={rotating} onClose={rotation.close} title="Rotate signing secret" size="lg">
        {rotating && <RotateSecretForm endpoint={endpoint} />}
      </Modal>
    </Group>
  );
}
