import { Button, Group, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { type CreatedEndpoint, CreateEndpointForm } from './endpoint-form.tsx';
import { SigningSecret } from './signing-secret.tsx';
import { endpointPath, WEBHOOKS_PATH } from './webhook-paths.ts';

/** Adding an endpoint; once saved, its signing secret, this once. */
export function NewEndpointPage() {
  return (
    <RequirePermission permission="webhooks:manage" back={{ to: WEBHOOKS_PATH, label: 'Back to webhooks' }}>
      <NewEndpoint />
    </RequirePermission>
  );
}

function NewEndpoint() {
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Webhooks', to: WEBHOOKS_PATH }, { label: created ? 'Endpoint added' : 'Add endpoint' }]} />
      <PageHeader
        title={created ? 'Endpoint added' : 'Add endpoint'}
        description={
          created ? created.endpoint.url : 'Where Tradeloom sends the events you pick, signed with a secret only you and we hold.'
        }
      />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} maw={760}>
        {created ? (
          <Stack>
            <SigningSecret secret={created.secret} title="Your signing secret" />
            <Group>
              <Button component={Link} to={endpointPath(created.id)}>
                Open the endpoint
              </Button>
              <Button component={Link} to={WEBHOOKS_PATH} variant="default">
                Back to webhooks
              </Button>
            </Group>
          </Stack>
        ) : (
          <CreateEndpointForm onCreated={setCreated} />
        )}
      </Paper>
    </Stack>
  );
}
