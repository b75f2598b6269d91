import { Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  DISPUTE_OUTCOME_LABELS,
  DISPUTE_OUTCOMES,
  DISPUTE_REASON_LABELS,
  type DisputeDetail,
  type DisputeOutcome,
  formatMoney,
  resolveDisputeInput,
  respondDisputeInput,
} from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { Fact, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { DisputeStatusBadge } from './dispute-badges.tsx';

/** One dispute as both parties see it, with the steps the caller's side may take now. */
export function DisputeDetailPage() {
  const { disputeId = '' } = useParams();
  const dispute = trpc.finance.disputes.get.useQuery({ disputeId });
  return (
    <QueryView query={dispute} notFound={{ title: 'Dispute not found', to: '/disputes', label: 'Back to disputes' }}>
      {(data) => <DisputeView dispute={data} />}
    </QueryView>
  );
}

function DisputeView({ dispute }: { dispute: DisputeDetail }) {
  const can = useCan();
  const writable = can('finance:write');
  const partner = dispute.side === 'supplier' ? dispute.buyer.name : dispute.supplier.name;
  return (
    <Stack>
      <PageHeader
        title={`Dispute ${dispute.number}`}
        description={dispute.raisedByUs ? `Raised by your company with ${partner}.` : `Raised by ${partner}.`}
        actions={<DisputeStatusBadge status={dispute.status} />}
      />
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label="Amount disputed" testId="dispute-amount">
            {formatMoney(dispute.amount, dispute.currency)}
          </Fact>
          <Fact label="On">
            {dispute.invoiceId ? (
              <Anchor component={Link} to={`/invoices/${dispute.invoiceId}`} ff="monospace">
                {dispute.invoiceNumber ?? 'Invoice'}
              </Anchor>
            ) : dispute.contractId ? (
              <Anchor component={Link} to={`/contracts/${dispute.contractId}`}>
                Contract
              </Anchor>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label="Reason">{DISPUTE_REASON_LABELS[dispute.reason]}</Fact>
          <Fact label="Raised">{formatDate(dispute.createdAt)}</Fact>
          <Fact label="Supplier">{dispute.supplier.name}</Fact>
          <Fact label="Buyer">{dispute.buyer.name}</Fact>
        </SimpleGrid>
        <Title order={5} mt="md">
          What is wrong
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {dispute.description}
        </Text>
        {dispute.evidence.length > 0 && (
          <Stack gap={2} mt="md">
            <Title order={5}>Evidence</Title>
            {dispute.evidence.map((file) => (
              <Anchor key={file.fileId} href={`/files/${file.fileId}`} size="sm">
                {file.name}
              </Anchor>
            ))}
          </Stack>
        )}
      </Paper>
      {dispute.response && (
        <Paper withBorder p="lg">
          <Title order={5}>Response</Title>
          <Text size="xs" c="dimmed">
            {formatDateTime(dispute.respondedAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {dispute.response}
          </Text>
        </Paper>
      )}
      {dispute.status === 'resolved' && (
        <Paper withBorder p="lg" data-testid="dispute-resolution">
          <Title order={5}>Resolution: {dispute.resolution ? DISPUTE_OUTCOME_LABELS[dispute.resolution] : '—'}</Title>
          <Text size="xs" c="dimmed">
            {formatDateTime(dispute.resolvedAt)}
          </Text>
          {dispute.note && (
            <Text size="sm">
              {dispute.note.kind === 'credit' ? 'Credit note' : 'Debit note'}{' '}
              <Anchor component={Link} to={`/notes/${dispute.note.id}`} ff="monospace">
                {dispute.note.number}
              </Anchor>{' '}
              for {formatMoney(dispute.note.total, dispute.currency)}
            </Text>
          )}
          {dispute.resolutionNote && <Text size="sm">{dispute.resolutionNote}</Text>}
        </Paper>
      )}
      {dispute.status === 'withdrawn' && (
        <Text size="sm" c="dimmed">
          Withdrawn on {formatDateTime(dispute.withdrawnAt)}.
        </Text>
      )}
      {writable && dispute.actions.length > 0 && <DisputeActions dispute={dispute} />}
    </Stack>
  );
}

function DisputeActions({ dispute }: { dispute: DisputeDetail }) {
  const utils = trpc.useUtils();
  const [resolving, setResolving] = useState(false);
  const refresh = async () => {
    await utils.finance.disputes.invalidate();
    await utils.finance.notes.invalidate();
  };
  const withdraw = trpc.finance.disputes.withdraw.useMutation({ onSuccess: refresh });
  return (
    <Paper withBorder p="lg">
      <Stack>
        {dispute.actions.includes('respond') && <RespondForm disputeId={dispute.id} onDone={refresh} />}
        <Group wrap="wrap">
          {dispute.actions.includes('resolve') && <Button onClick={() => setResolving(true)}>Resolve</Button>}
          {dispute.actions.includes('withdraw') && (
            <Button variant="default" color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate({ disputeId: dispute.id })}>
              Withdraw dispute
            </Button>
          )}
          {withdraw.error && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(withdraw.error)}
            </Text>
          )}
        </Group>
      </Stack>
      <Modal opened={resolving} onClose={() => setResolving(false)} title={`Resolve ${dispute.number}`}>
        <ResolveForm
          dispute={dispute}
          onDone={async () => {
            setResolving(false);
            await refresh();
          }}
        />
      </Modal>
    </Paper>
  );
}

function RespondForm({ disputeId, onDone }: { disputeId: string; onDone: () => Promise<void> }) {
  const form = useZodForm(respondDisputeInput, {
    defaultValues: { response: '' },
    prepare: (values: { response: string }) => ({ disputeId, response: values.response }),
  });
  const respond = trpc.finance.disputes.respond.useMutation({ onSuccess: onDone, onError: form.showServerError });
  return (
    <SchemaForm form={form} onSubmit={(input) => respond.mutate(input)}>
      <Textarea
        label="Your response"
        description="What you found, and what you propose."
        required
        autosize
        minRows={3}
        {...form.register('response')}
        error={form.messageOf('response')}
      />
      <SubmitRow form={form} loading={respond.isPending}>
        Send response
      </SubmitRow>
    </SchemaForm>
  );
}

interface ResolveValues {
  outcome: string;
  amount: string;
  note: string;
}

function ResolveForm({ dispute, onDone }: { dispute: DisputeDetail; onDone: () => Promise<void> }) {
  const form = useZodForm(resolveDisputeInput, {
    defaultValues: { outcome: '', amount: dispute.amount, note: '' },
    prepare: (values: ResolveValues) => ({
      disputeId: dispute.id,
      outcome: (values.outcome || undefined) as DisputeOutcome,
      amount: values.outcome === 'no_change' ? undefined : values.amount.trim() || undefined,
      note: values.note.trim() || undefined,
    }),
  });
  const outcome = form.watch('outcome');
  const resolve = trpc.finance.disputes.resolve.useMutation({ onSuccess: onDone, onError: form.showServerError });
  // A contract's dispute has no invoice to note against.
  const outcomes = dispute.invoiceId ? DISPUTE_OUTCOMES : (['no_change'] as const);
  return (
    <SchemaForm form={form} onSubmit={(input) => resolve.mutate(input)}>
      <SelectField
        form={form}
        name="outcome"
        label="Outcome"
        placeholder="How it ends"
        required
        allowDeselect={false}
        data={outcomes.map((o) => ({ value: o, label: DISPUTE_OUTCOME_LABELS[o] }))}
      />
      {outcome && outcome !== 'no_change' && (
        <TextInput
          label="Note amount including tax"
          description="Split over the invoice's lines at their own GST rates."
          inputMode="decimal"
          {...form.register('amount')}
          error={form.messageOf('amount')}
          w={240}
          maw="100%"
        />
      )}
      <Textarea label="Note to the partner (optional)" autosize minRows={2} {...form.register('note')} error={form.messageOf('note')} />
      <SubmitRow form={form} loading={resolve.isPending}>
        Resolve
      </SubmitRow>
    </SchemaForm>
  );
}
