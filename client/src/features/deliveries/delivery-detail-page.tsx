import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatQuantity, receiveInput } from '@tradeloom/shared';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, Fact, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { FileComplaintButton } from '../support/file-complaint.tsx';
import { DELIVERY_NOT_FOUND, DeliveryStatusBadge } from './delivery-status.tsx';

type Delivery = RouterOutputs['deliveries']['get'];

/** One truck: its lines, transport details, the challan PDF, and the buyer's goods receipt. */
export function DeliveryDetailPage() {
  const { deliveryId = '' } = useParams();
  const utils = trpc.useUtils();
  const delivery = trpc.deliveries.get.useQuery({ deliveryId });
  const cancel = trpc.deliveries.cancel.useMutation({
    onSuccess: () => Promise.all([utils.deliveries.invalidate(), utils.orders.invalidate()]),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <QueryView query={delivery} notFound={DELIVERY_NOT_FOUND}>
      {(data) => (
        <Stack>
          <Breadcrumbs items={[{ label: 'Deliveries', to: '/deliveries' }, { label: data.number }]} />
          <PageHeader
            title={`Delivery ${data.number}`}
            description={`${data.side === 'supplier' ? 'To' : 'From'} ${data.partner.name}`}
            actions={
              <Group>
                <DeliveryStatusBadge status={data.status} />
                <Button size="sm" variant="default" component="a" href={`/documents/deliveries/${data.id}.pdf`} target="_blank">
                  Delivery challan PDF
                </Button>
                {data.actions.includes('cancel') && (
                  <Button
                    size="sm"
                    variant="light"
                    color="red"
                    loading={cancel.isPending}
                    onClick={() => {
                      if (window.confirm('Cancel this delivery? Its quantities can be dispatched again.'))
                        cancel.mutate({ deliveryId: data.id });
                    }}
                  >
                    Cancel delivery
                  </Button>
                )}
              </Group>
            }
          />
          <Paper withBorder p="lg">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Fact label="Order">
                {data.orderId ? (
                  <Anchor component={Link} to={`/orders/${data.orderId}`}>
                    {data.orderNumber ?? 'Open order'}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Fact>
              {data.contractId && (
                <Fact label="Contract">
                  <Anchor component={Link} to={`/contracts/${data.contractId}`}>
                    {data.contractNumber ?? 'Open contract'}
                  </Anchor>
                </Fact>
              )}
              <Fact label="Dispatched on">{formatDate(data.dispatchDate)}</Fact>
              <Fact label="Transporter">{data.transporter ?? '—'}</Fact>
              <Fact label="Vehicle">{data.vehicleNumber ?? '—'}</Fact>
              <Fact label="LR number">{data.lrNumber ?? '—'}</Fact>
              <Fact label="E-way bill">{data.ewayBillNumber ?? '—'}</Fact>
              <Fact label="From branch">{data.supplierBranch?.name ?? '—'}</Fact>
              <Fact label="To branch">{data.buyerBranch?.name ?? '—'}</Fact>
              {data.receiptNumber && <Fact label="Goods receipt">{data.receiptNumber}</Fact>}
              {data.receivedOn && <Fact label="Received on">{formatDate(data.receivedOn)}</Fact>}
            </SimpleGrid>
            {data.note && (
              <Text size="sm" mt="sm">
                Note: {data.note}
              </Text>
            )}
            {data.receiptNote && (
              <Text size="sm" mt="sm">
                Receipt note: {data.receiptNote}
              </Text>
            )}
          </Paper>
          {data.actions.includes('receive') ? <ReceiveForm delivery={data} /> : <DeliveryLines delivery={data} />}
        </Stack>
      )}
    </QueryView>
  );
}

function DeliveryLines({ delivery }: { delivery: Delivery }) {
  const received = delivery.status === 'received';
  const rejected = delivery.lines.some((line) => Number(line.rejectedQuantity ?? 0) > 0);
  return (
    <Paper withBorder p="lg">
      <Title order={5} mb="xs">
        Goods
      </Title>
      <DataTable
        headers={[
          '#',
          'Item',
          { label: 'Dispatched', numeric: true },
          'Bales / lots',
          ...(received ? [{ label: 'Accepted', numeric: true }, { label: 'Rejected', numeric: true }, 'Reason'] : []),
        ]}
      >
        {delivery.lines.map((line) => (
          <Table.Tr key={line.id}>
            <Table.Td>{line.lineNo}</Table.Td>
            <Table.Td>{line.description}</Table.Td>
            <NumberCell>{formatQuantity(line.quantity, line.unit)}</NumberCell>
            <Table.Td>
              {line.bales !== null ? `${line.bales} bales` : ''}
              {line.lotNumbers.length > 0 && <Text size="xs">{line.lotNumbers.join(', ')}</Text>}
            </Table.Td>
            {received && (
              <>
                <NumberCell>{formatQuantity(line.acceptedQuantity ?? '0', line.unit)}</NumberCell>
                <NumberCell>{formatQuantity(line.rejectedQuantity ?? '0', line.unit)}</NumberCell>
                <Table.Td>{line.rejectionReason ?? ''}</Table.Td>
              </>
            )}
          </Table.Tr>
        ))}
      </DataTable>
      {received && rejected && delivery.side === 'buyer' && (
        <Group mt="sm" gap="xs">
          <Text size="sm">Goods were rejected on this delivery.</Text>
          <FileComplaintButton about={{ type: 'delivery', id: delivery.id, label: delivery.number }} />
        </Group>
      )}
    </Paper>
  );
}

interface ReceiveValues {
  lines: { orderLineId: string; deliveryLineId: string; acceptedQuantity: string; rejectedQuantity: string; reason: string }[];
  receivedOn: string;
  note: string;
}

const trimQuantity = (value: string) => value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');

/** The buyer's goods receipt: all accepted by default; what failed the re-test is rejected with a reason. */
function ReceiveForm({ delivery }: { delivery: Delivery }) {
  const utils = trpc.useUtils();
  const lines = delivery.lines;
  const form = useZodForm(receiveInput, {
    defaultValues: {
      lines: lines.map((line) => ({
        orderLineId: line.orderLineId ?? '',
        acceptedQuantity: trimQuantity(line.quantity),
        rejectedQuantity: '0',
        reason: '',
      })),
      receivedOn: '',
      note: '',
    },
    prepare: (values: ReceiveValues) => ({
      deliveryId: delivery.id,
      // An order's lines go by the order line; a contract delivery's one line by its own id.
      lines: values.lines.map((line) => ({
        ...(line.orderLineId ? { orderLineId: line.orderLineId } : { deliveryLineId: line.deliveryLineId }),
        acceptedQuantity: line.acceptedQuantity.trim(),
        rejectedQuantity: line.rejectedQuantity.trim(),
        reason: line.reason.trim() || undefined,
      })),
      receivedOn: values.receivedOn || undefined,
      note: values.note.trim() || undefined,
    }),
  });
  const receive = trpc.deliveries.receive.useMutation({
    onSuccess: () => Promise.all([utils.deliveries.invalidate(), utils.orders.invalidate()]),
    onError: form.showServerError,
  });
  return (
    <Paper withBorder p="lg">
      <Title order={5} mb="xs">
        Record the goods receipt
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        For each line, accepted and rejected must add up to what was dispatched. Give a reason for anything rejected (for example a failed
        re-test on micronaire).
      </Text>
      <SchemaForm form={form} onSubmit={(input) => receive.mutate(input)}>
        <DataTable headers={['Item', { label: 'Dispatched', numeric: true }, 'Accepted', 'Rejected', 'Reason for rejection']}>
          {lines.map((line, index) => (
            <Table.Tr key={line.id}>
              <Table.Td>{line.description}</Table.Td>
              <NumberCell>{formatQuantity(line.quantity, line.unit)}</NumberCell>
              <Table.Td miw={110}>
                <TextInput
                  aria-label={`Accepted quantity of ${line.description}`}
                  inputMode="decimal"
                  {...form.register(`lines.${index}.acceptedQuantity`)}
                  error={form.messageOf(`lines.${index}.acceptedQuantity`)}
                />
              </Table.Td>
              <Table.Td miw={110}>
                <TextInput
                  aria-label={`Rejected quantity of ${line.description}`}
                  inputMode="decimal"
                  {...form.register(`lines.${index}.rejectedQuantity`)}
                  error={form.messageOf(`lines.${index}.rejectedQuantity`)}
                />
              </Table.Td>
              <Table.Td miw={180}>
                <TextInput
                  aria-label={`Reason for rejecting ${line.description}`}
                  {...form.register(`lines.${index}.reason`)}
                  error={form.messageOf(`lines.${index}.reason`)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            type="date"
            label="Received on"
            description="Today if left empty"
            {...form.register('receivedOn')}
            error={form.messageOf('receivedOn')}
          />
          <Textarea label="Note" autosize minRows={1} {...form.register('note')} error={form.messageOf('note')} />
        </SimpleGrid>
        <SubmitRow form={form} loading={receive.isPending}>
          Record receipt
        </SubmitRow>
      </SchemaForm>
    </Paper>
  );
}
