import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { auditSentence, formatMoney, formatQuantity, type OrderAction } from '@tradeloom/shared';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { OrderDeliveriesPanel } from '../deliveries/order-deliveries-panel.tsx';
import { OrderInvoicesPanel } from '../finance/order-invoices-panel.tsx';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import { FileComplaintButton } from '../support/file-complaint.tsx';
import { OrderFiles } from './order-files.tsx';
import { ACTION_LABELS, ORDER_NOT_FOUND, OrderStatusBadge } from './order-status.tsx';
import { OrderTermsPanel } from './order-terms-panel.tsx';

/** One order as our side sees it; the partner's moves appear as they happen (live updates). */
export function OrderDetailPage() {
  const { orderId = '' } = useParams();
  const utils = trpc.useUtils();
  const can = useCan();
  const order = trpc.orders.get.useQuery({ orderId });
  const transition = trpc.orders.transition.useMutation({
    onSuccess: () =>
      Promise.all([utils.orders.get.invalidate({ orderId }), utils.orders.history.invalidate({ orderId }), utils.orders.list.invalidate()]),
    onError: (error) => {
      notifications.show({ color: 'red', message: errorMessage(error) });
      void utils.orders.get.invalidate({ orderId });
    },
  });
  const act = (action: OrderAction, version: number) => {
    if ((action === 'cancel' || action === 'reject') && !window.confirm(`${ACTION_LABELS[action]}? This cannot be undone.`)) return;
    transition.mutate({ orderId, action, version });
  };
  return (
    <QueryView query={order} notFound={ORDER_NOT_FOUND}>
      {(data) => (
        <Stack>
          <Breadcrumbs
            items={[
              { label: 'Orders', to: '/orders' },
              data.side === 'buyer'
                ? { label: 'Purchase orders', to: '/orders?side=purchase' }
                : { label: 'Sales orders', to: '/orders?side=sales' },
              { label: data.number ?? 'Draft' },
            ]}
          />
          <PageHeader
            title={`${data.side === 'buyer' ? 'Purchase order' : 'Sales order'} ${data.number ?? ''}`}
            description={
              <>
                {data.side === 'buyer' ? 'Supplier' : 'Buyer'}: {data.partner.name}
                {data.partnerNumber && ` · their number ${data.partnerNumber}`}
              </>
            }
            actions={
              <Group>
                <OrderStatusBadge status={data.status} />
                <Button size="sm" variant="default" component="a" href={`/documents/orders/${data.id}.pdf`} target="_blank">
                  PDF
                </Button>
                {data.side === 'supplier' && (data.status === 'accepted' || data.status === 'in_progress') && can('production:write') && (
                  <Button size="sm" variant="default" component={Link} to={`/production?line=${data.lines[0]?.id ?? ''}`}>
                    Plan production
                  </Button>
                )}
                {data.side === 'buyer' && data.status !== 'draft' && data.status !== 'pending_approval' && (
                  <FileComplaintButton about={{ type: 'order', id: data.id, label: data.number ?? 'this order' }} />
                )}
                {data.editable && can('orders:write') && (
                  <Button size="sm" variant="default" component={Link} to={`/orders/${data.id}/edit`}>
                    Edit draft
                  </Button>
                )}
                {data.actions.map((action) => (
                  <Button
                    key={action}
                    size="sm"
                    variant={action === 'cancel' || action === 'reject' ? 'light' : 'filled'}
                    color={action === 'cancel' || action === 'reject' ? 'red' : undefined}
                    loading={transition.isPending && transition.variables?.action === action}
                    onClick={() => act(action, data.version)}
                  >
                    {ACTION_LABELS[action]}
                  </Button>
                ))}
              </Group>
            }
          />
          {!data.partner.claimed && (
            <Text c="dimmed" size="sm">
              {data.partner.name} is not on Tradeloom: only your company sees this order, and you record their steps (acceptance, shipment)
              here as they happen.
            </Text>
          )}
          {data.needsApproval && data.status === 'pending_approval' && (
            <Text c="yellow.8">Above your company's approval limit: a manager other than the submitter must approve it.</Text>
          )}
          <OrderTermsPanel order={data} />
          <Paper withBorder p="lg">
            <DataTable
              headers={[
                '#',
                'Item',
                { label: 'Quantity', numeric: true },
                { label: 'Unit price', numeric: true },
                { label: 'Discount', numeric: true },
                { label: 'Tax', numeric: true },
                { label: 'Total', numeric: true },
              ]}
            >
              {data.lines.map((line) => (
                <Table.Tr key={line.id}>
                  <Table.Td>{line.lineNo}</Table.Td>
                  <Table.Td>
                    {line.description}
                    {line.hsnCode && (
                      <Text size="xs" c="dimmed">
                        HSN {line.hsnCode}
                      </Text>
                    )}
                  </Table.Td>
                  <NumberCell>{formatQuantity(line.quantity, line.unit)}</NumberCell>
                  <NumberCell>{formatMoney(line.unitPrice, data.currency, { maxFractionDigits: 4 })}</NumberCell>
                  <NumberCell>{Number(line.discountPercent) ? `${Number(line.discountPercent)}%` : '—'}</NumberCell>
                  <NumberCell>
                    {formatMoney(line.tax, data.currency)} ({Number(line.taxRate)}%)
                  </NumberCell>
                  <NumberCell>{formatMoney(line.total, data.currency)}</NumberCell>
                </Table.Tr>
              ))}
            </DataTable>
          </Paper>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Paper withBorder p="lg">
              <Title order={5} mb="xs">
                Details
              </Title>
              <Text size="sm">Order date: {formatDate(data.orderDate)}</Text>
              <Text size="sm">
                Tax:{' '}
                {data.taxRegime === 'intra_state'
                  ? 'CGST + SGST (same state)'
                  : data.taxRegime === 'inter_state'
                    ? 'IGST (between states)'
                    : 'single rate'}
              </Text>
              {data.note && <Text size="sm">Our note (not shown to the partner): {data.note}</Text>}
            </Paper>
            <Paper withBorder p="lg">
              <Stack gap={2}>
                {(
                  [
                    ['Subtotal', data.subtotal],
                    ['Discount', data.discount],
                    ['Taxable value', data.taxable],
                    ...(data.taxRegime === 'intra_state'
                      ? [
                          ['CGST', data.cgst],
                          ['SGST', data.sgst],
                        ]
                      : data.taxRegime === 'inter_state'
                        ? [['IGST', data.igst]]
                        : [['Tax', data.tax]]),
                  ] as [string, string][]
                ).map(([label, amount]) => (
                  <Group key={label} justify="space-between">
                    <Text size="sm">{label}</Text>
                    <Text size="sm">{formatMoney(amount, data.currency)}</Text>
                  </Group>
                ))}
                <Group justify="space-between">
                  <Text fw={700}>Total</Text>
                  <Text fw={700} data-testid="order-total">
                    {formatMoney(data.total, data.currency)}
                  </Text>
                </Group>
              </Stack>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="lg">
            <Title order={5} mb="xs">
              Files
            </Title>
            <OrderFiles orderId={data.id} canWrite={can('orders:write') && can('files:write')} />
          </Paper>
          <OrderDeliveriesPanel orderId={data.id} />
          <OrderInvoicesPanel orderId={data.id} />
          {data.partner.claimed && data.status !== 'draft' && (
            <DocumentConversation about={{ type: 'order', id: data.id }} title={`Conversation with ${data.partner.name}`} />
          )}
          <OrderHistory orderId={data.id} />
        </Stack>
      )}
    </QueryView>
  );
}

function OrderHistory({ orderId }: { orderId: string }) {
  const history = trpc.orders.history.useQuery({ orderId });
  return (
    <Paper withBorder p="lg">
      <Title order={5} mb="xs">
        History
      </Title>
      <QueryView query={history} isEmpty={(rows) => rows.length === 0} empty="Nothing yet.">
        {(rows) => (
          <Stack gap={4}>
            {rows.map((entry) => (
              <Text key={entry.id} size="sm">
                {formatDateTime(entry.occurredAt)} · {entry.companyName}
                {entry.actorName ? ` (${entry.actorName})` : ''} · {auditSentence(entry.action)}
              </Text>
            ))}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
