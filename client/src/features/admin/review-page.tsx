import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ATTESTED_FIELD_LABELS, type AttestedField, KYC_DOCUMENT_LABELS, LEGAL_FIELD_LABELS, type Reason } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, errorReason, serverFieldErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { sentence } from '../../lib/zod-form.ts';

/** Platform operators: pending verification documents and legal-detail changes, oldest first. */
export function ReviewPage() {
  const me = useMe();
  const utils = trpc.useUtils();
  const queue = trpc.kyc.review.queue.useQuery(undefined, { enabled: Boolean(me.data?.user.isPlatformAdmin), refetchInterval: 30_000 });
  const done = {
    onSuccess: () => utils.kyc.review.queue.invalidate(),
    onError: (error: unknown) => {
      // A refused reason is said under the row's reason box (Decision); anything else here.
      if (!serverFieldErrors(error).reason) notifications.show({ color: 'red', autoClose: false, message: reviewProblem(error) });
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
                <Stack gap="sm">
                  {data.documents.map((document) => (
                    <ReviewItem
                      key={document.id}
                      testId={`review-document-${document.id}`}
                      decision={
                        <Decision
                          ownCompany={document.ownCompany}
                          onDecide={(decision, reason) =>
                            // The approval names the details shown here: if the company changed them since, it is refused.
                            decideDocument.mutateAsync({ documentId: document.id, decision, reason, attested: document.attested })
                          }
                        />
                      }
                    >
                      <Text fw={600}>
                        {document.companyName} · {KYC_DOCUMENT_LABELS[document.kind]}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {document.taxId ?? 'no tax id'} · submitted {formatDateTime(document.submittedAt)}
                      </Text>
                      <AttestedValues values={document.attested} />
                      <Anchor href={`/files/${document.fileId}`} size="sm">
                        {document.filename}
                      </Anchor>
                    </ReviewItem>
                  ))}
                </Stack>
              )}
            </Paper>
            <Paper withBorder p="lg">
              <Title order={4} mb="sm">
                Legal detail changes ({data.changes.length})
              </Title>
              {data.changes.length === 0 ? (
                <Text c="dimmed">Nothing waiting.</Text>
              ) : (
                <Stack gap="sm">
                  {data.changes.map((change) => (
                    <ReviewItem
                      key={change.id}
                      testId={`review-change-${change.id}`}
                      decision={
                        <Decision
                          ownCompany={change.ownCompany}
                          onDecide={(decision, reason) => decideChange.mutateAsync({ changeRequestId: change.id, decision, reason })}
                        />
                      }
                    >
                      <Text fw={600}>
                        {change.companyName} · {LEGAL_FIELD_LABELS[change.field]}
                      </Text>
                      <Text size="sm">
                        {change.oldValue ?? '—'} → {change.newValue}
                      </Text>
                      <Text size="xs" c="dimmed">
                        Reason given: {change.note ?? '—'}
                      </Text>
                    </ReviewItem>
                  ))}
                </Stack>
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

/** One thing to review: its details, and the decision beside them (below them on a phone). */
function ReviewItem({ testId, decision, children }: { testId: string; decision: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 220px', minWidth: 0, overflowWrap: 'anywhere' }}>
          {children}
        </Stack>
        {decision}
      </Group>
    </Paper>
  );
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

/**
 * Approve, or reject with the reason the company will read; never for the reviewer's own company.
 * The reason box sits above the buttons so the column stays narrow enough for a phone.
 */
function Decision({
  ownCompany,
  onDecide,
}: {
  ownCompany: boolean;
  onDecide: (decision: 'approve' | 'reject', reason?: string) => Promise<unknown>;
}) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  if (ownCompany) {
    return (
      <Text size="xs" c="dimmed">
        Your own company: another operator reviews it.
      </Text>
    );
  }
  const decide = (decision: 'approve' | 'reject') => {
    setReasonError(undefined);
    // The queue's onError reports anything else; a refused reason belongs under this box.
    onDecide(decision, decision === 'reject' ? reason || undefined : undefined).catch((error: unknown) =>
      setReasonError(sentence(serverFieldErrors(error).reason?.[0])),
    );
  };
  return (
    <Stack gap={4} miw={160} maw={260}>
      <TextInput
        size="xs"
        placeholder="Reason (needed to reject)"
        aria-label="Reason"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={reasonError}
      />
      <Group gap={4}>
        <Button size="xs" onClick={() => decide('approve')}>
          Approve
        </Button>
        <Button size="xs" color="red" variant="light" onClick={() => decide('reject')}>
          Reject
        </Button>
      </Group>
    </Stack>
  );
}
