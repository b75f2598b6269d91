import { Alert, Button, Checkbox, Group, List, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney, formatQuantity, type InvoiceDetail } from '@tradeloom/shared';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, Fact, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, errorReason } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { InvoiceDisputesPanel } from './invoice-disputes-panel.tsx';
import { InvoiceDocumentLinks } from './invoice-document-links.tsx';
import { InvoiceNotesPanel } from './invoice-notes-panel.tsx';
import { InvoicePaymentsPanel } from './invoice-payments-panel.tsx';
import { INVOICE_NOT_FOUND, InvoiceStatusBadge, TAX_REGIME_LABELS } from './invoice-status.tsx';

/** One invoice as our side sees it: the supplier issues or cancels it, the buyer's manager approves it for payment. */
export function InvoiceDetailPage() {
  const { invoiceId = '' } = useParams();
  const invoice = trpc.finance.invoices.get.useQuery({ invoiceId });
  return (
    <QueryView query={invoice} notFound={INVOICE_NOT_FOUND}>
      {(data) => (
        <Stack>
          <Breadcrumbs
            items={[
              { label: 'Invoices', to: '/invoices' },
              data.side === 'sales'
                ? { label: 'Sales invoices', to: '/invoices?side=sales' }
                : { label: 'Purchase invoices', to: '/invoices?side=purchase' },
              { label: data.number ?? 'Draft' },
            ]}
          />
          <PageHeader
            title={`${data.side === 'sales' ? 'Sales invoice' : 'Purchase invoice'} ${data.number ?? '(draft)'}`}
            description={
              data.orderNumber
                ? `Against order ${data.orderNumber}`
                : data.contractNumber
                  ? `Against contract ${data.contractNumber}`
                  : data.kind === 'free'
                    ? 'Free invoice (not against an order or a contract)'
                    : undefined
            }
            actions={
              <Group>
                <InvoiceStatusBadge status={data.status} />
                {data.side === 'sales' && <SupplierActions invoice={data} />}
              </Group>
            }
          />
          {data.status === 'cancelled' && (
            <Alert color="red" title="Cancelled">
              {data.cancelReason ?? 'No reason given.'} The invoice keeps its number.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PartyCard title="Supplier" party={data.supplier} />
            <PartyCard title="Buyer" party={data.buyer} />
          </SimpleGrid>
          <Paper withBorder p="lg">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Fact label="Invoice date">{formatDate(data.invoiceDate)}</Fact>
              <Fact label="Due date">{formatDate(data.dueDate)}</Fact>
              <Fact label="Place of supply">{data.placeOfSupply ? `State ${data.placeOfSupply}` : '—'}</Fact>
              <Fact label="Tax">{TAX_REGIME_LABELS[data.taxRegime]}</Fact>
              <Fact label="Reverse charge">{data.reverseCharge ? 'Yes: the buyer pays the GST' : 'No'}</Fact>
              {data.financialYear && <Fact label="Financial year">{data.financialYear}</Fact>}
              {/* The buyer's balance counts the payments it recorded itself, not the supplier's receipts. */}
              <Fact label={data.side === 'purchase' ? 'Balance by your records' : 'Balance'} testId="invoice-balance">
                {formatMoney(data.balance, data.currency)}
              </Fact>
            </SimpleGrid>
          </Paper>
          <Paper withBorder p="lg">
            <DataTable
              headers={[
                '#',
                'Item',
                'HSN',
                { label: 'Quantity', numeric: true },
                { label: 'Rate', numeric: true },
                { label: 'Taxable', numeric: true },
                { label: 'GST', numeric: true },
                { label: 'Total', numeric: true },
              ]}
            >
              {data.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>{line.lineNo}</Table.Td>
                  <Table.Td>{line.description}</Table.Td>
                  <Table.Td>{line.hsnCode ?? '—'}</Table.Td>
                  <NumberCell>{formatQuantity(line.quantity, line.unit)}</NumberCell>
                  <NumberCell>{formatMoney(line.unitPrice, data.currency, { maxFractionDigits: 4 })}</NumberCell>
                  <NumberCell>{formatMoney(line.taxable, data.currency)}</NumberCell>
                  <NumberCell>
                    {formatMoney(line.tax, data.currency)} ({Number(line.taxRate)}%)
                  </NumberCell>
                  <NumberCell>{formatMoney(line.total, data.currency)}</NumberCell>
                </Table.Tr>
              ))}
            </DataTable>
          </Paper>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <InvoiceDocumentLinks invoiceId={data.id} />
            <Totals invoice={data} />
          </SimpleGrid>
          {data.match && <MatchPanel invoice={data} />}
          <InvoicePaymentsPanel invoiceId={data.id} />
          <InvoiceNotesPanel invoiceId={data.id} />
          <InvoiceDisputesPanel invoiceId={data.id} />
        </Stack>
      )}
    </QueryView>
  );
}

function PartyCard({ title, party }: { title: string; party: InvoiceDetail['supplier'] }) {
  return (
    <Paper withBorder p="lg">
      <Text size="xs" c="dimmed">
        {title}
      </Text>
      <Text fw={600}>{party.name}</Text>
      <Text size="sm">GSTIN: {party.gstin ?? 'not registered'}</Text>
    </Paper>
  );
}

function Totals({ invoice }: { invoice: InvoiceDetail }) {
  const rows: [string, string][] = [
    ['Subtotal', invoice.subtotal],
    ['Discount', invoice.discount],
    ['Taxable value', invoice.taxable],
    ...(invoice.taxRegime === 'intra_state'
      ? ([
          ['CGST', invoice.cgst],
          ['SGST', invoice.sgst],
        ] as [string, string][])
      : invoice.taxRegime === 'inter_state'
        ? ([['IGST', invoice.igst]] as [string, string][])
        : ([['Tax', invoice.tax]] as [string, string][])),
    ...(Number(invoice.tcsAmount) ? ([[`TCS (${Number(invoice.tcsPercent)}%)`, invoice.tcsAmount]] as [string, string][]) : []),
  ];
  return (
    <Paper withBorder p="lg">
      <Stack gap={2}>
        {rows.map(([label, amount]) => (
          <Group key={label} justify="space-between">
            <Text size="sm">{label}</Text>
            <Text size="sm">{formatMoney(amount, invoice.currency)}</Text>
          </Group>
        ))}
        <Group justify="space-between">
          <Text fw={700}>Total{invoice.reverseCharge ? ' (GST payable by the buyer)' : ''}</Text>
          <Text fw={700} data-testid="invoice-total">
            {formatMoney(invoice.total, invoice.currency)}
          </Text>
        </Group>
        {Number(invoice.tdsAmount) > 0 && (
          <Text size="xs" c="dimmed">
            TDS {Number(invoice.tdsPercent)}% deducted by the buyer: {formatMoney(invoice.tdsAmount, invoice.currency)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Issue and Cancel, for a supplier member who may write invoices. */
function SupplierActions({ invoice }: { invoice: InvoiceDetail }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const refresh = () =>
    Promise.all([utils.finance.invoices.get.invalidate({ invoiceId: invoice.id }), utils.finance.invoices.list.invalidate()]);
  const issue = trpc.finance.invoices.issue.useMutation({
    onSuccess: (issued) => {
      notifications.show({ message: `Issued as ${issued.number}.` });
      return refresh();
    },
    onError: (error) => {
      if (errorReason(error) === 'CREDIT_LIMIT_EXCEEDED' && can('finance:approve')) {
        if (window.confirm(`${errorMessage(error)}\n\nIssue it anyway as a manager?`)) {
          issue.mutate({ invoiceId: invoice.id, version: invoice.version, overrideCreditLimit: true });
        }
        return;
      }
      notifications.show({ color: 'red', message: errorMessage(error) });
      void refresh();
    },
  });
  const cancel = trpc.finance.invoices.cancel.useMutation({
    onSuccess: () => {
      setCancelling(false);
      return refresh();
    },
  });
  if (!can('finance:write')) return null;
  const cancellable = invoice.status === 'draft' || invoice.status === 'issued';
  return (
    <>
      {invoice.status === 'draft' && (
        <Button size="sm" loading={issue.isPending} onClick={() => issue.mutate({ invoiceId: invoice.id, version: invoice.version })}>
          Issue
        </Button>
      )}
      {cancellable && !cancelling && (
        <Button size="sm" variant="light" color="red" onClick={() => setCancelling(true)}>
          {invoice.status === 'draft' ? 'Discard draft' : 'Cancel invoice'}
        </Button>
      )}
      {cancelling && (
        <Paper withBorder p="sm" w="100%">
          <Stack gap="xs">
            <Textarea
              label="Reason"
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={cancel.error ? errorMessage(cancel.error) : undefined}
            />
            <Group>
              <Button
                size="xs"
                color="red"
                loading={cancel.isPending}
                disabled={!reason.trim()}
                onClick={() => cancel.mutate({ invoiceId: invoice.id, version: invoice.version, reason })}
              >
                Confirm
              </Button>
              <Button size="xs" variant="default" onClick={() => setCancelling(false)}>
                Keep it
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </>
  );
}

const FLAG_TEXT = {
  quantity_exceeds_accepted: (f: { invoiced: string; allowed: string }) =>
    `invoices ${f.invoiced} so far, but only ${f.allowed} was accepted on receipts`,
  price_exceeds_order: (f: { invoiced: string; allowed: string }) => `unit price ${f.invoiced} is above the order's ${f.allowed}`,
} as const;

/** The buyer's three-way match (order ↔ receipt ↔ invoice) and its approval for payment. */
function MatchPanel({ invoice }: { invoice: InvoiceDetail }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const [acknowledged, setAcknowledged] = useState(false);
  const approve = trpc.finance.invoices.approveForPayment.useMutation({
    onSuccess: () => utils.finance.invoices.get.invalidate({ invoiceId: invoice.id }),
  });
  const match = invoice.match;
  if (!match) return null;
  const flagged = match.status === 'flagged';
  const approvable = !match.approvedForPaymentAt && invoice.status !== 'cancelled' && can('finance:approve');
  return (
    <Paper withBorder p="lg" data-testid="invoice-match">
      <Title order={5} mb="xs">
        Three-way match
      </Title>
      {match.status === 'not_applicable' && <Text size="sm">{match.note ?? 'Not raised against an order: nothing to match.'}</Text>}
      {match.status === 'matched' && <Text size="sm">Quantities are within what you accepted, at the order's prices.</Text>}
      {flagged && (
        <List size="sm" c="red.8">
          {match.flags.map((flag) => (
            <List.Item key={`${flag.kind}-${flag.lineNo}`}>
              Line {flag.lineNo} ({flag.description}): {FLAG_TEXT[flag.kind](flag)}
            </List.Item>
          ))}
        </List>
      )}
      {match.approvedForPaymentAt ? (
        <Text size="sm" mt="xs" c="green.8">
          Approved for payment on {formatDate(match.approvedForPaymentAt.slice(0, 10))}.
        </Text>
      ) : (
        approvable && (
          <Stack gap="xs" mt="sm">
            {flagged && (
              <Checkbox
                label="I have reviewed the flags and approve anyway"
                checked={acknowledged}
                onChange={(e) => setAcknowledged(e.currentTarget.checked)}
              />
            )}
            <Group>
              <Button
                size="sm"
                loading={approve.isPending}
                disabled={flagged && !acknowledged}
                onClick={() => approve.mutate({ invoiceId: invoice.id, acknowledgeFlags: flagged ? acknowledged : undefined })}
              >
                Approve for payment
              </Button>
            </Group>
            {approve.error && (
              <Text size="sm" c="red" role="alert">
                {errorMessage(approve.error)}
              </Text>
            )}
          </Stack>
        )
      )}
    </Paper>
  );
}
