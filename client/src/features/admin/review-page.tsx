import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { KYC_DOCUMENT_LABELS, LEGAL_FIELD_LABELS } from '@tradeloom/shared';
import { useState } from 'react';
import { useMe } from '../../app/session.tsx';
import { DataTable, PageHeader, QueryView } from '../../app/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

/** Platform operators: pending verification documents and legal-detail changes, oldest first. */
export function ReviewPage() {
  const me = useMe();
  const utils = trpc.useUtils();
  const queue = trpc.kyc.review.queue.useQuery(undefined, { enabled: Boolean(me.data?.user.isPlatformAdmin), refetchInterval: 30_000 });
  const done = {
    onSuccess: () => utils.kyc.review.queue.invalidate(),
    onError: (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
  };
  const decideDocument = trpc.kyc.review.decideDocument.useMutation(done);
  const decideChange = trpc.kyc.review.decideChangeRequest.useMutation(done);
  if (!me.data?.user.isPlatformAdmin) return <Text>Only platform operators review verifications.</Text>;
  return (
    <Stack>
      <PageHeader
        title="Verification review"
        description="Approve or reject what companies submitted. Rejections need a reason the company will see."
      />
      <QueryView query={queue}>
        {(data) => (
          <Stack>
            <Paper withBorder p="lg">
              <Title order={4} mb="sm">
                Documents ({data.documents.length})
              </Title>
              {data.documents.length === 0 ? (
                <Text c="dimmed">Nothing waiting.</Text>
              ) : (
                <DataTable headers={['Company', 'Document', 'File', 'Submitted', 'Decision']}>
                  {data.documents.map((document) => (
                    <Table.Tr key={document.id}>
                      <Table.Td>
                        {document.companyName}
                        <Text size="xs" c="dimmed">
                          {document.taxId ?? 'no tax id'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{KYC_DOCUMENT_LABELS[document.kind]}</Table.Td>
                      <Table.Td>
                        <Anchor href={`/files/${document.fileId}`}>{document.filename}</Anchor>
                      </Table.Td>
                      <Table.Td>{formatDateTime(document.submittedAt)}</Table.Td>
                      <Table.Td>
                        <Decision onDecide={(decision, reason) => decideDocument.mutate({ documentId: document.id, decision, reason })} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Paper>
            <Paper withBorder p="lg">
              <Title order={4} mb="sm">
                Legal detail changes ({data.changes.length})
              </Title>
              {data.changes.length === 0 ? (
                <Text c="dimmed">Nothing waiting.</Text>
              ) : (
                <DataTable headers={['Company', 'Field', 'From', 'To', 'Reason given', 'Decision']}>
                  {data.changes.map((change) => (
                    <Table.Tr key={change.id}>
                      <Table.Td>{change.companyName}</Table.Td>
                      <Table.Td>{LEGAL_FIELD_LABELS[change.field]}</Table.Td>
                      <Table.Td>{change.oldValue ?? '—'}</Table.Td>
                      <Table.Td>{change.newValue}</Table.Td>
                      <Table.Td>{change.note ?? '—'}</Table.Td>
                      <Table.Td>
                        <Decision onDecide={(decision, reason) => decideChange.mutate({ changeRequestId: change.id, decision, reason })} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Paper>
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

/** Approve, or reject with the reason the company will read. */
function Decision({ onDecide }: { onDecide: (decision: 'approve' | 'reject', reason?: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <Group gap={4} wrap="nowrap">
      <TextInput
        size="xs"
        placeholder="Reason (needed to reject)"
        aria-label="Reason"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Button size="xs" onClick={() => onDecide('approve')}>
        Approve
      </Button>
      <Button size="xs" color="red" variant="light" onClick={() => onDecide('reject', reason || undefined)}>
        Reject
      </Button>
    </Group>
  );
}
