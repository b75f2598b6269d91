import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  createNoteInput,
  formatMoney,
  NOTE_KIND_LABELS,
  NOTE_REASON_LABELS,
  NOTE_REASONS,
  type NoteKind,
  type NoteList,
  type NoteReason,
} from '@tradeloom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

const NOTABLE = ['issued', 'partly_paid', 'paid'];

/** The invoice's credit and debit notes; the supplier (with finance:write) issues new ones here. */
export function InvoiceNotesPanel({ invoiceId }: { invoiceId: string }) {
  const can = useCan();
  const notes = trpc.finance.notes.list.useQuery({ invoiceId });
  const [kind, setKind] = useState<NoteKind | null>(null);
  const invoice = notes.data?.invoice;
  const mayIssue = can('finance:write') && invoice?.side === 'supplier' && NOTABLE.includes(invoice.status);
  return (
    <Paper withBorder p="lg" data-testid="invoice-notes">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={4}>Credit and debit notes</Title>
        {mayIssue && (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setKind('credit')}>
              Credit note
            </Button>
            <Button size="xs" variant="default" onClick={() => setKind('debit')}>
              Debit note
            </Button>
          </Group>
        )}
      </Group>
      <QueryView query={notes} isEmpty={(data) => data.items.length === 0} empty="No credit or debit notes on this invoice.">
        {(data) => <NotesTable items={data.items} />}
      </QueryView>
      {invoice && kind && (
        <Modal opened onClose={() => setKind(null)} title={`${NOTE_KIND_LABELS[kind]} on ${invoice.number ?? 'the invoice'}`}>
          <NoteForm invoice={invoice} kind={kind} onDone={() => setKind(null)} />
        </Modal>
      )}
    </Paper>
  );
}

function NotesTable({ items }: { items: NoteList['items'] }) {
  return (
    <DataTable minWidth={560} headers={['Number', 'Kind', 'Reason', 'Date', { label: 'Total', numeric: true }]}>
      {items.map((note) => (
        <Table.Tr key={note.id}>
          <Table.Td>
            <Anchor component={Link} to={`/notes/${note.id}`} ff="monospace" size="sm">
              {note.number}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <Badge variant="light" color={note.kind === 'credit' ? 'teal' : 'orange'}>
              {NOTE_KIND_LABELS[note.kind]}
            </Badge>
          </Table.Td>
          <Table.Td>{NOTE_REASON_LABELS[note.reason]}</Table.Td>
          <Table.Td>{formatDate(note.noteDate)}</Table.Td>
          <NumberCell>{formatMoney(note.total, note.currency)}</NumberCell>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

interface NoteValues {
  reason: string;
  amount: string;
  description: string;
}

function NoteForm({ invoice, kind, onDone }: { invoice: NonNullable<NoteList['invoice']>; kind: NoteKind; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(createNoteInput, {
    defaultValues: { reason: '', amount: '', description: '' },
    prepare: (values: NoteValues) => ({
      invoiceId: invoice.id,
      kind,
      reason: (values.reason || undefined) as NoteReason,
      amount: values.amount.trim(),
      description: values.description.trim() || undefined,
    }),
  });
  const create = trpc.finance.notes.create.useMutation({
    onSuccess: async () => {
      await utils.finance.notes.invalidate();
      await utils.finance.disputes.invalidate();
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <Stack gap="xs">
        <SelectField
          form={form}
          name="reason"
          label="Reason"
          placeholder="Why"
          required
          allowDeselect={false}
          data={NOTE_REASONS.filter((r) => r !== 'dispute' && r !== 'complaint').map((r) => ({ value: r, label: NOTE_REASON_LABELS[r] }))}
        />
        <TextInput
          label="Amount including tax"
          description={
            kind === 'credit'
              ? `Split over the invoice's lines at their GST rates; at most ${formatMoney(invoice.creditable, invoice.currency)}.`
              : "Split over the invoice's lines at their GST rates."
          }
          inputMode="decimal"
          required
          {...form.register('amount')}
          error={form.messageOf('amount')}
          w={260}
          maw="100%"
        />
        <Textarea
          label="Description (optional)"
          autosize
          minRows={2}
          {...form.register('description')}
          error={form.messageOf('description')}
        />
        <Text size="xs" c="dimmed">
          The note is numbered from your {kind === 'credit' ? 'CN' : 'DN'} series and the buyer sees it at once.
        </Text>
      </Stack>
      <SubmitRow form={form} loading={create.isPending}>
        Issue {NOTE_KIND_LABELS[kind].toLowerCase()}
      </SubmitRow>
    </SchemaForm>
  );
}
