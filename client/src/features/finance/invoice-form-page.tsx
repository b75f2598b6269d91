import { Alert, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { dec, formatMoney, formatQuantity } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { ContractInvoiceSection, FreeInvoiceForm, QuantityToInvoiceInput } from './invoice-source-forms.tsx';

type InvoiceSource = 'order' | 'contract' | 'free';

/**
 * Raise a draft invoice: from an order's deliveries (lines start at what was dispatched and is not
 * yet invoiced), from a contract's deliveries, or a free invoice to a linked buyer.
 */
export function NewInvoicePage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const orderId = params.get('orderId') ?? '';
  const contractId = params.get('contractId') ?? '';
  const source: InvoiceSource = contractId ? 'contract' : ((params.get('from') as InvoiceSource | null) ?? 'order');
  const orders = trpc.orders.list.useQuery({ side: 'sales', limit: 100 }, { enabled: !orderId && source === 'order' });
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Invoices', to: '/invoices' }, { label: 'Raise invoice' }]} />
      <PageHeader
        title="Raise invoice"
        description="A draft tax invoice from what you dispatched on an order or a contract, or a free invoice."
      />
      {!can('finance:write') ? (
        <Alert color="yellow">Your role cannot raise invoices.</Alert>
      ) : (
        <>
          {!orderId && !contractId && (
            <SegmentedControl
              aria-label="What to invoice"
              value={source}
              onChange={(value) => setParams(value === 'order' ? {} : { from: value })}
              data={[
                { value: 'order', label: 'From an order' },
                { value: 'contract', label: 'From a contract' },
                { value: 'free', label: 'Free invoice' },
              ]}
            />
          )}
          {source === 'contract' ? (
            <ContractInvoiceSection contractId={contractId} onPick={(value) => setParams({ contractId: value })} />
          ) : source === 'free' ? (
            <FreeInvoiceForm />
          ) : !orderId ? (
            <Paper withBorder p="lg">
              <Select
                label="Sales order"
                placeholder="Pick the order to invoice"
                searchable
                data={(orders.data?.items ?? [])
                  .filter((order) => !['draft', 'pending_approval', 'submitted', 'rejected', 'cancelled'].includes(order.status))
                  .map((order) => ({ value: order.id, label: `${order.number ?? 'Order'} · ${order.partnerName}` }))}
                nothingFoundMessage={orders.isPending ? 'Loading…' : 'No accepted sales orders'}
                onChange={(value) => value && setParams({ orderId: value })}
              />
            </Paper>
          ) : (
            <InvoiceLinesForm orderId={orderId} />
          )}
        </>
      )}
    </Stack>
  );
}

function InvoiceLinesForm({ orderId }: { orderId: string }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const invoiceable = trpc.finance.invoices.invoiceable.useQuery({ orderId });
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [invoiceDate, setInvoiceDate] = useState('');
  const [reverseCharge, setReverseCharge] = useState(false);
  const [submitted, setSubmitted] = useState<string[]>([]);
  const create = trpc.finance.invoices.create.useMutation({
    onSuccess: async (created) => {
      await utils.finance.invoices.list.invalidate();
      void navigate(`/invoices/${created.id}`);
    },
  });
  const fieldErrors = serverFieldErrors(create.error);
  // The server names `lines.N.quantity` by position in what was sent: map it back to the order line.
  const lineError = (orderLineId: string) => {
    const index = submitted.indexOf(orderLineId);
    return index >= 0 ? fieldErrors[`lines.${index}.quantity`]?.[0] : undefined;
  };
  return (
    <QueryView query={invoiceable} notFound={{ title: 'Order not found', to: '/invoices/new', label: 'Pick another order' }}>
      {(data) => {
        const quantityOf = (line: (typeof data.lines)[number]) => quantities[line.orderLineId] ?? line.remaining;
        const chosen = data.lines.filter((line) => /^\d+(\.\d{1,3})?$/.test(quantityOf(line)) && dec(quantityOf(line)).greaterThan(0));
        const taxable = chosen.reduce((sum, line) => sum.plus(dec(quantityOf(line)).times(line.unitPrice)), dec(0));
        const nothingLeft = data.lines.every((line) => dec(line.remaining).lessThanOrEqualTo(0));
        const submit = () => {
          const lines = chosen.map((line) => ({ orderLineId: line.orderLineId, quantity: quantityOf(line) }));
          setSubmitted(lines.map((line) => line.orderLineId));
          create.mutate({ orderId, lines, invoiceDate: invoiceDate || undefined, reverseCharge });
        };
        return (
          <Stack>
            <Text size="sm">Order {data.orderNumber ?? ''}</Text>
            {nothingLeft && <Alert color="yellow">Everything dispatched on this order is already invoiced. Dispatch more first.</Alert>}
            <Paper withBorder p="lg">
              <DataTable
                headers={[
                  '#',
                  'Item',
                  { label: 'Dispatched', numeric: true },
                  { label: 'Invoiced', numeric: true },
                  { label: 'Rate', numeric: true },
                  'To invoice',
                ]}
              >
                {data.lines.map((line) => (
                  <Table.Tr key={line.orderLineId}>
                    <Table.Td>{line.lineNo}</Table.Td>
                    <Table.Td>
                      {line.description}
                      <Text size="xs" c="dimmed">
                        {line.hsnCode ? `HSN ${line.hsnCode} · ` : ''}GST {Number(line.taxRate)}%
                      </Text>
                    </Table.Td>
                    <NumberCell>{formatQuantity(line.dispatched, line.unit)}</NumberCell>
                    <NumberCell>{formatQuantity(line.invoiced, line.unit)}</NumberCell>
                    <NumberCell>{formatMoney(line.unitPrice, data.currency, { maxFractionDigits: 4 })}</NumberCell>
                    <Table.Td miw={140}>
                      <QuantityToInvoiceInput
                        label={`Quantity to invoice on line ${line.lineNo}`}
                        unit={line.unit}
                        value={quantityOf(line)}
                        onChange={(value) => setQuantities({ ...quantities, [line.orderLineId]: value })}
                        serverError={lineError(line.orderLineId)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            </Paper>
            <Paper withBorder p="lg">
              <Group align="flex-end">
                <TextInput
                  type="date"
                  label="Invoice date"
                  description="Today if left empty"
                  value={invoiceDate}
                  onChange={(e) => setInvoiceDate(e.currentTarget.value)}
                  error={fieldErrors.invoiceDate?.[0]}
                />
                <Checkbox
                  label="Reverse charge (the buyer pays the GST)"
                  checked={reverseCharge}
                  onChange={(e) => setReverseCharge(e.currentTarget.checked)}
                />
              </Group>
              <Text size="sm" mt="sm">
                Taxable value about {formatMoney(taxable.toFixed(2), data.currency)}; GST is worked out on the server from both parties'
                states.
              </Text>
            </Paper>
            {create.error && !Object.keys(fieldErrors).some((field) => field.startsWith('lines.')) && (
              <Alert color="red" role="alert">
                {errorMessage(create.error)}
              </Alert>
            )}
            <Group>
              <Button onClick={submit} loading={create.isPending} disabled={chosen.length === 0}>
                Create draft invoice
              </Button>
            </Group>
          </Stack>
        );
      }}
    </QueryView>
  );
}
