import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { dec, formatMoney, money, PAYMENT_METHODS, type PaymentMethod } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { RequirePermission } from '../../components/require-permission.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { methodLabel } from './payment-labels.ts';

const today = () => new Date().toISOString().slice(0, 10);
const AMOUNT = /^\d+(\.\d{1,2})?$/;

export function RecordPaymentPage() {
  return (
    <RequirePermission permission="finance:write">
      <RecordPaymentForm />
    </RequirePermission>
  );
}

function RecordPaymentForm() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const utils = trpc.useUtils();
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const [partnerId, setPartnerId] = useState<string | null>(params.get('partner'));
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('INR');
  const [method, setMethod] = useState<PaymentMethod>('neft_rtgs');
  const [reference, setReference] = useState('');
  const [receivedAt, setReceivedAt] = useState(today());
  const [allocations, setAllocations] = useState<Record<string, string>>({});
  const partner = partners.data?.items.find((link) => link.partnerId === partnerId);
  // A buyer pays us (received); we pay a supplier (made).
  const side = partner?.partnerRole === 'supplier' ? 'payable' : 'receivable';
  const direction = side === 'receivable' ? 'received' : 'made';
  const invoices = trpc.finance.outstandingInvoices.useQuery({ partnerId: partnerId ?? '', side }, { enabled: Boolean(partnerId) });
  const record = trpc.finance.payments.record.useMutation({
    onSuccess: async (created) => {
      await Promise.all([utils.finance.payments.list.invalidate(), utils.finance.outstanding.invalidate()]);
      void navigate(`/payments/${created.id}`);
    },
  });
  const errors = serverFieldErrors(record.error);
  const fieldError = (field: string) => errors[field]?.join(' ');
  const chosen = Object.entries(allocations).filter(([, value]) => value.trim() !== '');
  const allocated = chosen.reduce((total, [, value]) => (AMOUNT.test(value) ? total.plus(value) : total), dec(0));
  const unallocated = AMOUNT.test(amount) ? dec(amount).minus(allocated) : null;
  const otherError = record.error && Object.keys(errors).length === 0 ? errorMessage(record.error) : null;
  const allocationOrder = (invoices.data ?? []).map((invoice) => invoice.id);
  const submit = () =>
    record.mutate({
      partnerId: partnerId ?? '',
      amount,
      currency,
      method,
      reference,
      receivedAt,
      direction,
      allocations: allocationOrder
        .filter((id) => (allocations[id] ?? '').trim() !== '')
        .map((invoiceId) => ({ invoiceId, amount: (allocations[invoiceId] ?? '').trim() })),
    });
  // The server names allocations by their position in what was sent.
  const sentIndex = (invoiceId: string) => allocationOrder.filter((id) => (allocations[id] ?? '').trim() !== '').indexOf(invoiceId);
  return (
    <Stack>
      <PageHeader
        title="Record payment"
        description="A payment received from a buyer or made to a supplier, allocated to its open invoices. What you leave unallocated is an advance."
      />
      <Paper withBorder p="lg">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label="Partner"
                placeholder="Choose a buyer or supplier"
                searchable
                required
                data={(partners.data?.items ?? []).map((link) => ({
                  value: link.partnerId,
                  label: `${link.partnerName} (${link.partnerRole === 'supplier' ? 'we pay' : 'pays us'})`,
                }))}
                value={partnerId}
                onChange={(value) => {
                  setPartnerId(value);
                  setAllocations({});
                }}
                error={fieldError('partnerId')}
              />
              <TextInput
                type="date"
                label={direction === 'received' ? 'Received on' : 'Paid on'}
                required
                value={receivedAt}
                onChange={(e) => setReceivedAt(e.currentTarget.value)}
                error={fieldError('receivedAt')}
              />
              <TextInput
                label="Amount"
                inputMode="decimal"
                required
                value={amount}
                onChange={(e) => setAmount(e.currentTarget.value)}
                error={fieldError('amount')}
              />
              <TextInput
                label="Currency"
                value={currency}
                maxLength={3}
                onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
                error={fieldError('currency')}
              />
              <Select
                label="Method"
                data={PAYMENT_METHODS.map((value) => ({ value, label: methodLabel(value) }))}
                value={method}
                allowDeselect={false}
                onChange={(value) => setMethod((value as PaymentMethod | null) ?? 'neft_rtgs')}
                error={fieldError('method')}
              />
              <TextInput
                label="Reference"
                description="UTR, UPI or cheque number"
                value={reference}
                onChange={(e) => setReference(e.currentTarget.value)}
                error={fieldError('reference')}
              />
            </SimpleGrid>
            {partnerId && (
              <Stack gap="xs">
                <Text fw={600}>Allocate to open invoices</Text>
                <QueryView
                  query={invoices}
                  isEmpty={(rows) => rows.length === 0}
                  empty="This partner has no open invoices: the whole payment stays an advance."
                >
                  {(rows) => (
                    <DataTable headers={['Invoice', 'Due', { label: 'Still owed', numeric: true }, { label: 'Allocate', numeric: true }]}>
                      {rows.map((invoice) => {
                        const index = sentIndex(invoice.id);
                        const error =
                          index >= 0
                            ? (fieldError(`allocations.${index}.amount`) ?? fieldError(`allocations.${index}.invoiceId`))
                            : undefined;
                        return (
                          <Table.Tr key={invoice.id}>
                            <Table.Td>{invoice.number}</Table.Td>
                            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.dueDate)}</Table.Td>
                            <NumberCell>{formatMoney(invoice.balance, invoice.currency)}</NumberCell>
                            <Table.Td>
                              <Group gap={4} justify="flex-end" wrap="nowrap">
                                <TextInput
                                  aria-label={`Allocate to ${invoice.number}`}
                                  inputMode="decimal"
                                  w={130}
                                  value={allocations[invoice.id] ?? ''}
                                  onChange={(e) => {
                                    const value = e.currentTarget.value;
                                    setAllocations((current) => ({ ...current, [invoice.id]: value }));
                                  }}
                                  error={error}
                                />
                                <Button
                                  variant="subtle"
                                  size="xs"
                                  onClick={() => setAllocations((current) => ({ ...current, [invoice.id]: invoice.balance }))}
                                >
                                  Full
                                </Button>
                              </Group>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </DataTable>
                  )}
                </QueryView>
                <Text size="sm" c={unallocated?.isNegative() ? 'red' : 'dimmed'} data-testid="allocation-summary">
                  Allocated {formatMoney(money(allocated), currency || 'INR')}
                  {unallocated &&
                    ` · ${unallocated.isNegative() ? 'more than the payment by' : 'left as advance'} ${formatMoney(money(unallocated.abs()), currency || 'INR')}`}
                </Text>
                {fieldError('allocations') && (
                  <Text c="red" size="sm" role="alert">
                    {fieldError('allocations')}
                  </Text>
                )}
              </Stack>
            )}
            {otherError && (
              <Alert color="red" role="alert">
                {otherError}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={record.isPending} disabled={!partnerId}>
                Record payment
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
