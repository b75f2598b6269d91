import { Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  DISPUTE_REASON_LABELS,
  DISPUTE_REASONS,
  type DisputeReason,
  formatMoney,
  type NoteList,
  openDisputeInput,
} from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FileAttachments } from '../../components/file-attachments.tsx';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { LoadMore, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { DisputeTable } from './disputes-page.tsx';

const DISPUTABLE = ['issued', 'partly_paid', 'paid'];

/** Disputes on the invoice, and "Raise dispute" for either party with finance:write. */
export function InvoiceDisputesPanel({ invoiceId }: { invoiceId: string }) {
  const can = useCan();
  const [raising, setRaising] = useState(false);
  const disputes = trpc.finance.disputes.list.useInfiniteQuery(
    { invoiceId, limit: 10 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  // The invoice's side, status and what is still open to dispute.
  const invoice = trpc.finance.notes.list.useQuery({ invoiceId }).data?.invoice;
  const rows = disputes.data?.pages.flatMap((page) => page.items);
  const mayRaise = can('finance:write') && invoice && DISPUTABLE.includes(invoice.status);
  return (
    <Paper withBorder p="lg" data-testid="invoice-disputes">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Stack gap={0}>
          <Title order={4}>Disputes</Title>
          {invoice && Number(invoice.disputed) > 0 && (
            <Text size="sm" c="orange" data-testid="invoice-disputed">
              {formatMoney(invoice.disputed, invoice.currency)} under dispute (left out of overdue reminders)
            </Text>
          )}
        </Stack>
        {mayRaise && (
          <Button size="xs" variant="default" onClick={() => setRaising(true)}>
            Raise dispute
          </Button>
        )}
      </Group>
      <QueryView query={{ ...disputes, data: rows }} isEmpty={(items) => items.length === 0} empty="No disputes on this invoice.">
        {(items) => (
          <Stack>
            <DisputeTable items={items} />
            <LoadMore list={disputes} />
          </Stack>
        )}
      </QueryView>
      {invoice && raising && (
        <Modal opened onClose={() => setRaising(false)} title={`Raise a dispute on ${invoice.number ?? 'the invoice'}`} size="lg">
          <RaiseDisputeForm invoice={invoice} />
        </Modal>
      )}
    </Paper>
  );
}

interface Values {
  amount: string;
  reason: string;
  description: string;
  evidenceFileIds: string[];
}

interface Evidence {
  fileId: string;
  filename: string;
  sizeBytes: number;
}

function RaiseDisputeForm({ invoice }: { invoice: NonNullable<NoteList['invoice']> }) {
  const can = useCan();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const form = useZodForm(openDisputeInput, {
    defaultValues: { amount: '', reason: '', description: '', evidenceFileIds: [] },
    prepare: (values: Values) => ({
      invoiceId: invoice.id,
      amount: values.amount.trim(),
      reason: (values.reason || undefined) as DisputeReason,
      description: values.description,
      evidenceFileIds: evidence.map((file) => file.fileId),
    }),
  });
  const open = trpc.finance.disputes.open.useMutation({
    onSuccess: async ({ id }) => {
      await utils.finance.disputes.invalidate();
      await utils.finance.notes.invalidate();
      navigate(`/disputes/${id}`);
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => open.mutate(input)}>
      <TextInput
        label="Amount in dispute"
        description={`At most ${formatMoney(invoice.disputable, invoice.currency)}: what is still owed and not already disputed.`}
        inputMode="decimal"
        required
        {...form.register('amount')}
        error={form.messageOf('amount')}
        w={260}
        maw="100%"
      />
      <SelectField
        form={form}
        name="reason"
        label="Reason"
        placeholder="What is wrong"
        required
        allowDeselect={false}
        data={DISPUTE_REASONS.map((r) => ({ value: r, label: DISPUTE_REASON_LABELS[r] }))}
      />
      <Textarea
        label="Description"
        description="What the invoice says, what it should say, and why."
        required
        autosize
        minRows={3}
        {...form.register('description')}
        error={form.messageOf('description')}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Evidence
        </Text>
        <Text size="xs" c="dimmed">
          Test reports, weighbridge slips or photos (up to 10 files).
        </Text>
        <FileAttachments
          query={{ data: evidence.map((row) => ({ ...row, removable: true })), error: null, isPending: false, refetch: () => undefined }}
          canAttach={can('files:write') && evidence.length < 10}
          attach={async (fileId, uploaded) =>
            setEvidence((rows) => [...rows, { fileId, filename: uploaded.filename, sizeBytes: uploaded.sizeBytes }])
          }
          remove={(fileId) => setEvidence((rows) => rows.filter((row) => row.fileId !== fileId))}
        />
        <FieldMessage message={form.messageOf('evidenceFileIds')} />
      </Stack>
      <SubmitRow form={form} loading={open.isPending}>
        Raise dispute
      </SubmitRow>
    </SchemaForm>
  );
}
