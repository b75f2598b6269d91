import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatMoney, NOTE_KIND_LABELS, NOTE_REASON_LABELS, type NoteDetail } from '@tradeloom/shared';
import { Link, useParams } from 'react-router';
import { DataTable, Fact, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

/** A credit or debit note as both parties see it: its lines at the invoice's rates and its tax split. */
export function NoteDetailPage() {
  const { noteId = '' } = useParams();
  const note = trpc.finance.notes.get.useQuery({ noteId });
  return (
    <QueryView query={note} notFound={{ title: 'Note not found', to: '/invoices', label: 'Back to invoices' }}>
      {(data) => <NoteView note={data} />}
    </QueryView>
  );
}

function NoteView({ note }: { note: NoteDetail }) {
  const money = (value: string) => formatMoney(value, note.currency);
  const intra = note.taxRegime === 'intra_state';
  const inter = note.taxRegime === 'inter_state';
  return (
    <Stack>
      <PageHeader
        title={`${NOTE_KIND_LABELS[note.kind]} ${note.number}`}
        description={
          note.kind === 'credit'
            ? 'Takes the amount off what the buyer owes on the invoice.'
            : 'Adds the amount to what the buyer owes on the invoice.'
        }
        actions={
          <Badge variant="light" color={note.status === 'issued' ? 'green' : 'gray'}>
            {note.status === 'issued' ? 'Issued' : 'Cancelled'}
          </Badge>
        }
      />
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label="Invoice">
            <Anchor component={Link} to={`/invoices/${note.invoiceId}`} ff="monospace">
              {note.invoiceNumber ?? 'Invoice'}
            </Anchor>
          </Fact>
          <Fact label="Date">{formatDate(note.noteDate)}</Fact>
          <Fact label="Supplier">{note.supplier.name}</Fact>
          <Fact label="Buyer">{note.buyer.name}</Fact>
          <Fact label="Reason">{NOTE_REASON_LABELS[note.reason]}</Fact>
          <Fact label="Financial year">{note.financialYear}</Fact>
          {note.disputeId && (
            <Fact label="Dispute">
              <Anchor component={Link} to={`/disputes/${note.disputeId}`}>
                Open the dispute
              </Anchor>
            </Fact>
          )}
          {note.complaintId && (
            <Fact label="Complaint">
              <Anchor component={Link} to={`/complaints/${note.complaintId}`}>
                Open the complaint
              </Anchor>
            </Fact>
          )}
        </SimpleGrid>
        {note.description && (
          <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
            {note.description}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="lg">
        <DataTable
          minWidth={760}
          headers={[
            'Line',
            'HSN',
            { label: 'Quantity', numeric: true },
            { label: 'Rate', numeric: true },
            { label: 'Taxable', numeric: true },
            { label: intra ? 'CGST + SGST' : inter ? 'IGST' : 'Tax', numeric: true },
            { label: 'Total', numeric: true },
          ]}
        >
          {note.lines.map((line) => (
            <Table.Tr key={line.lineNo}>
              <Table.Td>{line.description}</Table.Td>
              <Table.Td>{line.hsnCode ?? '—'}</Table.Td>
              <NumberCell>{line.quantity ?? '—'}</NumberCell>
              <NumberCell>{`${line.taxRate} %`}</NumberCell>
              <NumberCell>{money(line.taxable)}</NumberCell>
              <NumberCell>{intra ? `${money(line.cgst)} + ${money(line.sgst)}` : money(line.tax)}</NumberCell>
              <NumberCell>{money(line.total)}</NumberCell>
            </Table.Tr>
          ))}
        </DataTable>
        <Group justify="flex-end" mt="md" gap="xl" wrap="wrap">
          <Fact label="Taxable">{money(note.taxable)}</Fact>
          {intra && <Fact label="CGST">{money(note.cgst)}</Fact>}
          {intra && <Fact label="SGST">{money(note.sgst)}</Fact>}
          {inter && <Fact label="IGST">{money(note.igst)}</Fact>}
          {!intra && !inter && <Fact label="Tax">{money(note.tax)}</Fact>}
          <Fact label="Total" testId="note-total">
            {money(note.total)}
          </Fact>
        </Group>
      </Paper>
    </Stack>
  );
}
