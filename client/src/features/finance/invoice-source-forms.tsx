import { ActionIcon, Alert, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { dec, formatMoney, formatQuantity } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';

// The two other ways to raise an invoice besides an order: a contract's deliveries, and a free
// invoice to a linked buyer. The server works out GST; errors show next to the field they name.

const QUANTITY = /^\d+(\.\d{1,3})?$/;

function useCreateInvoice() {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  return trpc.finance.invoices.create.useMutation({
    onSuccess: async (created) => {
      await utils.finance.invoices.invalidate();
      void navigate(`/invoices/${created.id}`);
    },
  });
}

/** Pick one of the company's active sales contracts, or invoice the one given. */
export function ContractInvoiceSection({ contractId, onPick }: { contractId: string; onPick: (contractId: string) => void }) {
  const contracts = trpc.contracts.list.useQuery({ role: 'sales', status: 'active', limit: 100 }, { enabled: !contractId });
  if (contractId) return <ContractInvoiceForm contractId={contractId} />;
  return (
    <Paper withBorder p="lg">
      <Select
        label="Sales contract"
        placeholder="Pick the contract to invoice"
        searchable
        data={(contracts.data?.items ?? []).map((contract) => ({
          value: contract.id,
          label: `${contract.number} · ${contract.counterparty.name}`,
        }))}
        nothingFoundMessage={contracts.isPending ? 'Loading…' : 'No active sales contracts'}
        onChange={(value) => value && onPick(value)}
      />
    </Paper>
  );
}

function ContractInvoiceForm({ contractId }: { contractId: string }) {
  const invoiceable = trpc.finance.invoices.invoiceableContract.useQuery({ contractId });
  const create = useCreateInvoice();
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [invoiceDate, setInvoiceDate] = useState('');
  const [reverseCharge, setReverseCharge] = useState(false);
  const [submitted, setSubmitted] = useState<string[]>([]);
  const fieldErrors = serverFieldErrors(create.error);
  const lineError = (deliveryLineId: string) => {
    const index = submitted.indexOf(deliveryLineId);
    return index >= 0 ? fieldErrors[`lines.${index}.quantity`]?.[0] : undefined;
  };
  return (
    <QueryView
      query={invoiceable}
      notFound={{ title: 'Contract not found', to: '/invoices/new?from=contract', label: 'Pick another contract' }}
    >
      {(data) => {
        const open = data.lines.filter((line) => dec(line.remaining).greaterThan(0));
        const quantityOf = (line: (typeof data.lines)[number]) => quantities[line.deliveryLineId] ?? line.remaining;
        const chosen = open.filter((line) => QUANTITY.test(quantityOf(line)) && dec(quantityOf(line)).greaterThan(0));
        const taxable = chosen.reduce((sum, line) => sum.plus(dec(quantityOf(line)).times(data.unitPrice)), dec(0));
        const submit = () => {
          const lines = chosen.map((line) => ({ deliveryLineId: line.deliveryLineId, quantity: quantityOf(line) }));
          setSubmitted(lines.map((line) => line.deliveryLineId));
          create.mutate({ contractId, lines, invoiceDate: invoiceDate || undefined, reverseCharge });
        };
        return (
          <Stack>
            <Text size="sm">
              Contract {data.contractNumber} · {data.buyerName} · {formatMoney(data.unitPrice, data.currency, { maxFractionDigits: 4 })} per{' '}
              {data.unit} · {data.hsnCode ? `HSN ${data.hsnCode} · ` : ''}
              {data.taxRate === null ? 'no GST rate known' : `GST ${Number(data.taxRate)}%`}
            </Text>
            {data.lines.length === 0 ? (
              <Alert color="yellow">Nothing has been dispatched on this contract yet. Dispatch a truck first.</Alert>
            ) : open.length === 0 ? (
              <Alert color="yellow">Everything dispatched on this contract is already invoiced.</Alert>
            ) : null}
            {open.length > 0 && (
              <Paper withBorder p="lg">
                <DataTable
                  headers={['Delivery', { label: 'Dispatched', numeric: true }, { label: 'Invoiced', numeric: true }, 'To invoice']}
                >
                  {open.map((line) => (
                    <Table.Tr key={line.deliveryLineId}>
                      <Table.Td>
                        {line.deliveryNumber}
                        <Text size="xs" c="dimmed">
                          {line.dispatchDate} · {line.description}
                        </Text>
                      </Table.Td>
                      <NumberCell>{formatQuantity(line.dispatched, data.unit)}</NumberCell>
                      <NumberCell>{formatQuantity(line.invoiced, data.unit)}</NumberCell>
                      <Table.Td miw={140}>
                        <QuantityToInvoiceInput
                          label={`Quantity to invoice from ${line.deliveryNumber}`}
                          unit={data.unit}
                          value={quantityOf(line)}
                          onChange={(value) => setQuantities({ ...quantities, [line.deliveryLineId]: value })}
                          serverError={lineError(line.deliveryLineId)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              </Paper>
            )}
            <InvoiceOptions
              invoiceDate={invoiceDate}
              setInvoiceDate={setInvoiceDate}
              reverseCharge={reverseCharge}
              setReverseCharge={setReverseCharge}
              dateError={fieldErrors.invoiceDate?.[0]}
            />
            <Text size="sm">
              Taxable value about {formatMoney(taxable.toFixed(2), data.currency)}; GST is worked out on the server from both parties'
              states.
            </Text>
            {create.error && !Object.keys(fieldErrors).some((field) => field.startsWith('lines.') || field === 'invoiceDate') && (
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

function InvoiceOptions(props: {
  invoiceDate: string;
  setInvoiceDate: (value: string) => void;
  reverseCharge: boolean;
  setReverseCharge: (value: boolean) => void;
  dateError?: string;
}) {
  return (
    <Paper withBorder p="lg">
      <Group align="flex-end">
        <TextInput
          type="date"
          label="Invoice date"
          description="Today if left empty"
          value={props.invoiceDate}
          onChange={(e) => props.setInvoiceDate(e.currentTarget.value)}
          error={props.dateError}
        />
        <Checkbox
          label="Reverse charge (the buyer pays the GST)"
          checked={props.reverseCharge}
          onChange={(e) => props.setReverseCharge(e.currentTarget.checked)}
        />
      </Group>
    </Paper>
  );
}

interface FreeLine {
  key: number;
  description: string;
  hsnCode: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  taxRate: string;
}

const GST_RATES = ['0', '5', '12', '18', '28'];
let nextKey = 1;
const blankLine = (): FreeLine => ({ key: nextKey++, description: '', hsnCode: '', quantity: '', unit: 'kg', unitPrice: '', taxRate: '5' });

/** A free invoice to a linked buyer: lines typed in, each with its HSN code and GST rate. */
export function FreeInvoiceForm() {
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const buyers = (partners.data?.items ?? []).filter((link) => link.partnerRole === 'buyer');
  const create = useCreateInvoice();
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [lines, setLines] = useState<FreeLine[]>([blankLine()]);
  const [invoiceDate, setInvoiceDate] = useState('');
  const [reverseCharge, setReverseCharge] = useState(false);
  const [note, setNote] = useState('');
  const fieldErrors = serverFieldErrors(create.error);
  const error = (index: number, field: keyof FreeLine) => fieldErrors[`freeLines.${index}.${field}`]?.[0];
  const update = (index: number, patch: Partial<FreeLine>) =>
    setLines(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const taxable = lines.reduce(
    (sum, line) =>
      QUANTITY.test(line.quantity) && /^\d+(\.\d+)?$/.test(line.unitPrice) ? sum.plus(dec(line.quantity).times(line.unitPrice)) : sum,
    dec(0),
  );
  const submit = () =>
    create.mutate({
      partnerId: partnerId ?? '',
      freeLines: lines.map(({ key: _key, hsnCode, ...line }) => ({ ...line, hsnCode: hsnCode || undefined })),
      invoiceDate: invoiceDate || undefined,
      reverseCharge,
      note: note || undefined,
    });
  const shown = new Set(['partnerId', 'invoiceDate', 'note', 'freeLines']);
  const otherError = create.error && !Object.keys(fieldErrors).some((field) => shown.has(field) || field.startsWith('freeLines.'));
  return (
    <Stack>
      <Paper withBorder p="lg">
        <Select
          label="Buyer"
          description="A partner that buys from you (an accepted link)"
          placeholder="Pick the buyer"
          searchable
          value={partnerId}
          onChange={setPartnerId}
          data={buyers.map((link) => ({ value: link.partnerId, label: link.partnerName }))}
          nothingFoundMessage={partners.isPending ? 'Loading…' : 'No linked buyers'}
          error={fieldErrors.partnerId?.[0]}
        />
      </Paper>
      <Paper withBorder p="lg">
        <Stack>
          {fieldErrors.freeLines?.[0] && (
            <Text c="red" size="sm">
              {fieldErrors.freeLines[0]}
            </Text>
          )}
          {lines.map((line, index) => (
            <Group key={line.key} align="flex-start" wrap="wrap" gap="xs">
              <TextInput
                label="Description"
                miw={200}
                style={{ flex: 2 }}
                value={line.description}
                onChange={(e) => update(index, { description: e.currentTarget.value })}
                error={error(index, 'description')}
              />
              <TextInput
                label="HSN / SAC"
                w={110}
                inputMode="numeric"
                value={line.hsnCode}
                onChange={(e) => update(index, { hsnCode: e.currentTarget.value })}
                error={error(index, 'hsnCode')}
              />
              <TextInput
                label="Quantity"
                w={110}
                inputMode="decimal"
                value={line.quantity}
                onChange={(e) => update(index, { quantity: e.currentTarget.value })}
                error={error(index, 'quantity')}
              />
              <TextInput
                label="Unit"
                w={80}
                value={line.unit}
                onChange={(e) => update(index, { unit: e.currentTarget.value })}
                error={error(index, 'unit')}
              />
              <TextInput
                label="Price per unit (₹)"
                w={140}
                inputMode="decimal"
                value={line.unitPrice}
                onChange={(e) => update(index, { unitPrice: e.currentTarget.value })}
                error={error(index, 'unitPrice')}
              />
              <Select
                label="GST rate"
                w={100}
                data={GST_RATES.map((rate) => ({ value: rate, label: `${rate}%` }))}
                value={line.taxRate}
                onChange={(value) => update(index, { taxRate: value ?? '0' })}
                error={error(index, 'taxRate')}
              />
              {lines.length > 1 && (
                <ActionIcon
                  mt={28}
                  variant="subtle"
                  color="red"
                  aria-label={`Remove line ${index + 1}`}
                  onClick={() => setLines(lines.filter((_, i) => i !== index))}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Group>
            <Button variant="light" onClick={() => setLines([...lines, blankLine()])} disabled={lines.length >= 200}>
              Add line
            </Button>
          </Group>
        </Stack>
      </Paper>
      <InvoiceOptions
        invoiceDate={invoiceDate}
        setInvoiceDate={setInvoiceDate}
        reverseCharge={reverseCharge}
        setReverseCharge={setReverseCharge}
        dateError={fieldErrors.invoiceDate?.[0]}
      />
      <TextInput label="Note (yours only)" value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldErrors.note?.[0]} />
      <Text size="sm">
        Taxable value about {formatMoney(taxable.toFixed(2), 'INR')}; GST is worked out on the server from both parties' states. No
        three-way match applies: there is no order behind a free invoice.
      </Text>
      {otherError && (
        <Alert color="red" role="alert">
          {errorMessage(create.error)}
        </Alert>
      )}
      <Group>
        <Button onClick={submit} loading={create.isPending} disabled={!partnerId}>
          Create draft invoice
        </Button>
      </Group>
    </Stack>
  );
}

/** A line's quantity to invoice: decimals up to 3 places, the server's error for the line first. */
export function QuantityToInvoiceInput({
  label,
  unit,
  value,
  onChange,
  serverError,
}: {
  label: string;
  unit: string;
  value: string;
  onChange: (value: string) => void;
  serverError: string | undefined;
}) {
  return (
    <TextInput
      aria-label={label}
      inputMode="decimal"
      rightSection={<Text size="xs">{unit}</Text>}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={serverError ?? (/^\d*(\.\d{0,3})?$/.test(value) ? undefined : 'Enter a quantity with up to 3 decimals')}
    />
  );
}
