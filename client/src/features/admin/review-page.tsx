import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ATTESTED_FIELD_LABELS, type AttestedField, KYC_DOCUMENT_LABELS, LEGAL_FIELD_LABELS, type Reason } from '@tradeloom/shared';
import { useState } from 'react';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, errorReason } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

/** Platform operators: pending verification documents and legal-detail changes, oldest first. */
export function ReviewPage() {
  const me = useMe();
  const utils = trpc.useUtils();
  const queue = trpc.kyc.review.queue.useQuery(undefined, { enabled: Boolean(me.data?.user.isPlatformAdmin), refetchInterval: 30_000 });
  const done = {
    onSuccess: () => utils.kyc.review.queue.invalidate(),
    onError: (error: unknown) => {
      notifications.show({ color: 'red', autoClose: false, message: reviewProblem(error) });
      // What the company now holds replaces what was shown, so the next decision is on current data.
      if (errorReason(error) === 'REVIEW_OUTDATED') void utils.kyc.review.queue.invalidate();
    },
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
                <DataTable headers={['Company', 'Document', 'Details to check', 'File', 'Submitted', 'Decision']}>
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
                        <AttestedValues values={document.attested} />
                      </Table.Td>
                      <Table.Td>
                        <Anchor href={`/files/${document.fileId}`}>{document.filename}</Anchor>
                      </Table.Td>
                      <Table.Td>{formatDateTime(document.submittedAt)}</Table.Td>
                      <Table.Td>
                        <Decision
                          ownCompany={document.ownCompany}
                          onDecide={(decision, reason) =>
                            // The approval names the details shown here: if the company changed them since, it is refused.
                            decideDocument.mutate({ documentId: document.id, decision, reason, attested: document.attested })
                          }
                        />
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
                        <Decision
                          ownCompany={change.ownCompany}
                          onDecide={(decision, reason) => decideChange.mutate({ changeRequestId: change.id, decision, reason })}
                        />
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

const REVIEW_PROBLEMS: Partial<Record<Reason, string>> = {
  REVIEW_OUTDATED:
    'The company changed these details after you opened them, so nothing was approved. The queue now shows the current details: check them again.',
  FIELD_UNDER_REVIEW: 'A verification document for this field is still waiting: decide the document first.',
  SELF_APPROVAL: 'You are a member of this company, so another platform operator must review it.',
};

function reviewProblem(error: unknown): string {
  const reason = errorReason(error);
  return (reason && REVIEW_PROBLEMS[reason]) ?? errorMessage(error);
}

/** The company details a document vouches for, as they are now. */
function AttestedValues({ values }: { values: Partial<Record<AttestedField, string | null>> }) {
  return (
    <Stack gap={0}>
      {(Object.keys(values) as AttestedField[]).map((field) => (
        <Text key={field} size="xs">
          <Text span c="dimmed" size="xs">
            {ATTESTED_FIELD_LABELS[field]}:
          </Text>{' '}
          {values[field] ?? '—'}
        </Text>
      ))}
    </Stack>
  );
}

/** Approve, or reject with the reason the company will read; never for the reviewer's own company. */
function Decision({ ownCompany, onDecide }: { ownCompany: boolean; onDecide: (decision: 'approve' | 'reject', reason?: string) => void }) {
  const [reason, setReason] = useState('');
  if (ownCompany) {
    return (
      <Text size="xs" c="dimmed">
        Your own company: another operator reviews it.
      </Text>
    );
  }
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
