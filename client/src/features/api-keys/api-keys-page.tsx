import { Alert, Anchor, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, Paper, Stack, Table, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { API_KEY_SCOPES, createApiKeyInput, formatNumber } from '@tradeloom/shared';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { Link } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { KeyUsage } from './key-usage.tsx';

export function ApiKeysPage() {
  return (
    <RequirePermission permission="apiKeys:manage">
      <ApiKeys />
    </RequirePermission>
  );
}

function ApiKeys() {
  const utils = trpc.useUtils();
  const [creating, create] = useDisclosure();
  // The last key shown stays while the dialog fades out, so its title does not blank mid-close.
  const [usageOf, setUsageOf] = useState<{ id: string; name: string; revoked: boolean } | null>(null);
  const [showingUsage, usage] = useDisclosure();
  const keys = trpc.apiKeys.list.useQuery();
  const revoke = trpc.apiKeys.revoke.useMutation({
    onSuccess: () => utils.apiKeys.list.invalidate(),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Stack>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let your programs use the Tradeloom SDK or the{' '}
            <Anchor component={Link} to="/developers/api" inherit>
              REST API
            </Anchor>{' '}
            on behalf of this company, with only the scopes you grant.
          </>
        }
        actions={<Button onClick={create.open}>Create key</Button>}
      />
      <Paper withBorder p="lg">
        <QueryView query={keys} isEmpty={(rows) => rows.length === 0} empty="No API keys yet.">
          {(rows) => (
            <DataTable
              headers={[
                'Name',
                'Key',
                'Scopes',
                'Created',
                'Last used',
                { label: 'Limit / min', numeric: true },
                { label: 'Calls today', numeric: true },
                '',
              ]}
            >
              {rows.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Code>{key.prefix}_…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {key.scopes.map((scope) => (
                        <Badge miw="max-content" key={scope} size="xs" variant="outline">
                          {scope}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {formatDateTime(key.createdAt)} by {key.createdBy}
                  </Table.Td>
                  <Table.Td>{formatDateTime(key.lastUsedAt)}</Table.Td>
                  <NumberCell>{formatNumber(key.limitPerMinute)}</NumberCell>
                  <NumberCell>{formatNumber(key.requestsToday ?? 0)}</NumberCell>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => {
                          setUsageOf({ id: key.id, name: key.name, revoked: Boolean(key.revokedAt) });
                          usage.open();
                        }}
                      >
                        Usage &amp; limit
                      </Button>
                      {key.revokedAt ? (
                        <Badge miw="max-content" color="gray">
                          revoked
                        </Badge>
                      ) : (
                        <Button
                          size="xs"
                          color="red"
                          variant="subtle"
                          onClick={() =>
                            window.confirm(`Revoke “${key.name}”? Programs using it stop working at once.`) &&
                            revoke.mutate({ apiKeyId: key.id })
                          }
                        >
                          Revoke
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </QueryView>
      </Paper>
      <Modal opened={showingUsage} onClose={usage.close} title={`Usage of “${usageOf?.name ?? ''}”`} size="lg">
        {usageOf && <KeyUsage apiKeyId={usageOf.id} revoked={usageOf.revoked} />}
      </Modal>
      <Modal opened={creating} onClose={create.close} title="Create API key" size="lg">
        <CreateKeyForm />
      </Modal>
    </Stack>
  );
}

function CreateKeyForm() {
  const can = useCan();
  const utils = trpc.useUtils();
  const form = useZodForm(createApiKeyInput, { defaultValues: { name: '', scopes: ['company:read'] } });
  const create = trpc.apiKeys.create.useMutation({ onSuccess: () => utils.apiKeys.list.invalidate(), onError: form.showServerError });
  if (create.data) {
    return (
      <Stack>
        <Alert color="yellow" title="Copy the key now">
          This is the only time the full key is shown. Store it in your program’s secret store.
        </Alert>
        <Code block data-testid="new-api-key">
          {create.data.key}
        </Code>
        <CopyButton value={create.data.key}>
          {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy key'}</Button>}
        </CopyButton>
      </Stack>
    );
  }
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <TextInput
        label="Name"
        description="What uses it, e.g. “ERP sync”."
        required
        {...form.register('name')}
        error={form.messageOf('name')}
      />
      <Controller
        control={form.control}
        name="scopes"
        render={({ field }) => (
          <Checkbox.Group label="Scopes" value={field.value} onChange={field.onChange} error={form.messageOf('scopes')}>
            <Stack gap={4} mt={4}>
              {API_KEY_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={scope} disabled={!can(scope)} />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      />
      <SubmitRow form={form} loading={create.isPending}>
        Create key
      </SubmitRow>
    </SchemaForm>
  );
}
