import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { DataTable, Fact, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { directionLabel, methodLabel } from './payment-labels.ts';

type Payment = RouterOutputs['finance']['payments']['get'];

export function PaymentDetailPage() {
  const { paymentId = '' } = useParams();
  const payment = trpc.finance.payments.get.useQuery({ paymentId });
  return (
    <QueryView query={payment} notFound={{ title: 'Payment not found', to: '/payments', label: 'Back to payments' }}>
      {(data) => <PaymentView payment={data} />}
    </QueryView>
  );
}

function PaymentView({ payment }: { payment: Payment }) {
  const can = useCan();
  const live = payment.status === 'recorded';
  const hasAdvance = live && payment.unallocated !== '0.00';
  return (
    <Stack>
      <PageHeader
        title={`Payment ${payment.number}`}
        description={`${directionLabel(payment.direction)} ${payment.direction === 'received' ? 'from' : 'to'} ${payment.partnerName}`}
        actions={
          <Group>
            <Badge color={live ? 'gray' : 'red'} variant="light" size="lg">
              {payment.status}
            </Badge>
            {can('finance:write') && live && <ReverseButton payment={payment} />}
          </Group>
        }
      />
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label="Amount">{formatMoney(payment.amount, payment.currency)}</Fact>
          <Fact label="Allocated">{formatMoney(payment.allocatedAmount, payment.currency)}</Fact>
          <Fact label="Advance (unallocated)" testId="payment-unallocated">
            {formatMoney(payment.unallocated, payment.currency)}
          </Fact>
          <Fact label="Date">{formatDate(payment.paidOn)}</Fact>
          <Fact label="Method">{methodLabel(payment.method)}</Fact>
          <Fact label="Reference">{payment.reference || '—'}</Fact>
          <Fact label="Partner">
            <Link to={`/statements/${payment.partnerId}`}>{payment.partnerName}</Link>
          </Fact>
          {payment.note && <Fact label="Note">{payment.note}</Fact>}
        </SimpleGrid>
        {!live && (
          <Alert color="red" mt="md" title="Reversed">
            {payment.reversedAt ? `${formatDateTime(payment.reversedAt)}: ` : ''}
            {payment.reversalReason}
          </Alert>
        )}
      </Paper>
      <Paper withBorder p="lg">
        <Title order={4} mb="sm">
          Allocations
        </Title>
        {payment.allocations.length === 0 ? (
          <Text c="dimmed">Not allocated to any invoice yet.</Text>
        ) : (
          <DataTable headers={['Invoice', 'Allocated on', 'Status', { label: 'Amount', numeric: true }]}>
            {payment.allocations.map((allocation) => (
              <Table.Tr key={allocation.id}>
                <Table.Td>
                  <Link to={`/invoices/${allocation.invoiceId}`}>{allocation.invoiceNumber ?? 'Invoice'}</Link>
                </Table.Td>
                <Table.Td>{formatDateTime(allocation.createdAt)}</Table.Td>
                <Table.Td>
                  {allocation.reversed ? (
                    <Badge color="red" variant="light">
                      reversed
                    </Badge>
                  ) : (
                    'active'
                  )}
                </Table.Td>
                <NumberCell>{formatMoney(allocation.amount, payment.currency)}</NumberCell>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Paper>
      {can('finance:write') && hasAdvance && <AllocateAdvance payment={payment} />}
    </Stack>
  );
}

function AllocateAdvance({ payment }: { payment: Payment }) {
  const utils = trpc.useUtils();
  const side = payment.direction === 'received' ? 'receivable' : 'payable';
  const invoices = trpc.finance.outstandingInvoices.useQuery({ partnerId: payment.partnerId, side });
  const [invoiceId, setInvoiceId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const allocate = trpc.finance.payments.allocate.useMutation({
    onSuccess: async () => {
      setInvoiceId(null);
      setAmount('');
      notifications.show({ color: 'green', message: 'Allocated.' });
      await Promise.all([utils.finance.payments.get.invalidate({ paymentId: payment.id }), utils.finance.outstandingInvoices.invalidate()]);
    },
  });
  const errors = serverFieldErrors(allocate.error);
  const open = (invoices.data ?? []).filter((invoice) => invoice.currency === payment.currency);
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        Allocate the advance
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          allocate.mutate({ paymentId: payment.id, allocations: [{ invoiceId: invoiceId ?? '', amount }] });
        }}
      >
        <Group align="flex-start" wrap="wrap">
          <Select
            label="Invoice"
            placeholder={open.length ? 'Choose an open invoice' : 'No open invoices in this currency'}
            data={open.map((invoice) => ({
              value: invoice.id,
              label: `${invoice.number} · owes ${formatMoney(invoice.balance, invoice.currency)}`,
            }))}
            value={invoiceId}
            onChange={setInvoiceId}
            error={errors['allocations.0.invoiceId']?.join(' ')}
            w={320}
          />
          <TextInput
            label="Amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={(errors['allocations.0.amount'] ?? errors.allocations)?.join(' ')}
            description={`Up to ${formatMoney(payment.unallocated, payment.currency)}`}
            w={180}
          />
          <Button type="submit" mt={25} loading={allocate.isPending} disabled={!invoiceId}>
            Allocate
          </Button>
        </Group>
        {allocate.error && Object.keys(errors).length === 0 && (
          <Text c="red" size="sm" role="alert" mt="xs">
            {errorMessage(allocate.error)}
          </Text>
        )}
      </form>
    </Paper>
  );
}

function ReverseButton({ payment }: { payment: Payment }) {
  const utils = trpc.useUtils();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const reverse = trpc.finance.payments.reverse.useMutation({
    onSuccess: async () => {
      setOpened(false);
      await Promise.all([utils.finance.payments.get.invalidate({ paymentId: payment.id }), utils.finance.payments.list.invalidate()]);
    },
  });
  const errors = serverFieldErrors(reverse.error);
  return (
    <>
      <Button color="red" variant="light" onClick={() => setOpened(true)}>
        Reverse
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Reverse ${payment.number}`}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            reverse.mutate({ paymentId: payment.id, reason });
          }}
        >
          <Stack>
            <Text size="sm">
              The payment stays in the history, marked reversed; its allocations stop counting and the invoices owe again.
            </Text>
            <Textarea
              label="Reason"
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason?.join(' ')}
            />
            {reverse.error && !errors.reason && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(reverse.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={reverse.isPending}>
                Reverse payment
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
