import { Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { dispatchInput, formatQuantity } from '@tradeloom/shared';
import { Link, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { ORDER_NOT_FOUND } from '../orders/order-status.tsx';

/** The supplier sends (part of) an accepted order in one truck. */
export function DispatchPage() {
  const { orderId = '' } = useParams();
  return (
    <RequirePermission permission="deliveries:write" back={{ to: `/orders/${orderId}`, label: 'Back to the order' }}>
      <DispatchScreen orderId={orderId} />
    </RequirePermission>
  );
}

function DispatchScreen({ orderId }: { orderId: string }) {
  const order = trpc.orders.get.useQuery({ orderId });
  const remaining = trpc.deliveries.remaining.useQuery({ orderId });
  return (
    <QueryView query={order} notFound={ORDER_NOT_FOUND}>
      {(data) => (
        <Stack>
          <Breadcrumbs
            items={[
              { label: 'Orders', to: '/orders?side=sales' },
              { label: data.number ?? 'Order', to: `/orders/${orderId}` },
              { label: 'Dispatch' },
            ]}
          />
          <PageHeader
            title={`Dispatch against ${data.number ?? 'the order'}`}
            description={`Buyer: ${data.partner.name}. One dispatch is one truck.`}
          />
          {data.side !== 'supplier' ? (
            <Text>Only the supplier dispatches goods against an order.</Text>
          ) : (
            <QueryView query={remaining}>
              {(left) =>
                !left.dispatchable ? (
                  <Text>This order is {data.status.replace('_', ' ')}: goods can be dispatched only once it is accepted.</Text>
                ) : left.lines.every((line) => Number(line.remaining) === 0) ? (
                  <Text>
                    Everything on this order has been dispatched.{' '}
                    <Anchor component={Link} to={`/orders/${orderId}`}>
                      Back to the order
                    </Anchor>
                  </Text>
                ) : (
                  <DispatchForm orderId={orderId} lines={left.lines} />
                )
              }
            </QueryView>
          )}
        </Stack>
      )}
    </QueryView>
  );
}

type RemainingLine = RouterOutputs['deliveries']['remaining']['lines'][number];

interface Values {
  lines: { orderLineId: string; quantity: string; bales: string; lotNumbers: string }[];
  transporter: string;
  vehicleNumber: string;
  lrNumber: string;
  ewayBillNumber: string;
  dispatchDate: string;
  note: string;
}

const blankToUndefined = (value: string) => (value.trim() === '' ? undefined : value.trim());

function DispatchForm({ orderId, lines }: { orderId: string; lines: RemainingLine[] }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const open = lines.filter((line) => Number(line.remaining) > 0);
  const form = useZodForm(dispatchInput, {
    defaultValues: {
      lines: open.map((line) => ({
        orderLineId: line.orderLineId,
        quantity: line.remaining.replace(/\.?0+$/, ''),
        bales: '',
        lotNumbers: '',
      })),
      transporter: '',
      vehicleNumber: '',
      lrNumber: '',
      ewayBillNumber: '',
      dispatchDate: '',
      note: '',
    },
    // A line left at 0 is not in this truck; the others go as typed.
    prepare: (values: Values) => ({
      orderId,
      lines: values.lines
        .map((line) => ({
          orderLineId: line.orderLineId,
          quantity: line.quantity.trim(),
          bales: line.bales.trim() === '' ? undefined : Number(line.bales),
          lotNumbers: line.lotNumbers.trim()
            ? line.lotNumbers
                .split(',')
                .map((lot) => lot.trim())
                .filter(Boolean)
            : undefined,
        }))
        .filter((line) => line.quantity !== '' && Number(line.quantity) !== 0),
      transporter: blankToUndefined(values.transporter),
      vehicleNumber: blankToUndefined(values.vehicleNumber),
      lrNumber: blankToUndefined(values.lrNumber),
      ewayBillNumber: blankToUndefined(values.ewayBillNumber),
      dispatchDate: blankToUndefined(values.dispatchDate),
      note: blankToUndefined(values.note),
    }),
  });
  // Sent lines skip the ones left at 0: map the server's `lines.N` back to the form's row.
  const sentIndexes = () =>
    form
      .getValues('lines')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.quantity.trim() !== '' && Number(line.quantity) !== 0)
      .map(({ index }) => index);
  const dispatch = trpc.deliveries.dispatch.useMutation({
    onSuccess: async (delivery) => {
      await Promise.all([utils.deliveries.invalidate(), utils.orders.get.invalidate({ orderId })]);
      navigate(`/deliveries/${delivery.id}`);
    },
    onError: (error) => {
      const indexes = sentIndexes();
      form.showServerErrorAt(error, (path) => path.replace(/^lines\.(\d+)/, (_, n) => `lines.${indexes[Number(n)] ?? n}`));
    },
  });
  const byId = new Map(lines.map((line) => [line.orderLineId, line]));
  return (
    <Paper withBorder p="lg">
      <SchemaForm form={form} onSubmit={(input) => dispatch.mutate(input)}>
        <DataTable headers={['Item', 'Left to dispatch', 'Quantity in this truck', 'Bales', 'Lot numbers']}>
          {form.getValues('lines').map((row, index) => {
            const line = byId.get(row.orderLineId);
            return (
              <Table.Tr key={row.orderLineId}>
                <Table.Td>{line?.description}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{line ? formatQuantity(line.remaining, line.unit) : ''}</Table.Td>
                <Table.Td miw={120}>
                  <TextInput
                    aria-label={`Quantity of ${line?.description ?? 'line'}`}
                    inputMode="decimal"
                    rightSection={<Text size="xs">{line?.unit}</Text>}
                    {...form.register(`lines.${index}.quantity`)}
                    error={form.messageOf(`lines.${index}.quantity`)}
                  />
                </Table.Td>
                <Table.Td miw={90}>
                  <TextInput
                    aria-label="Bales"
                    inputMode="numeric"
                    {...form.register(`lines.${index}.bales`)}
                    error={form.messageOf(`lines.${index}.bales`)}
                  />
                </Table.Td>
                <Table.Td miw={140}>
                  <TextInput
                    aria-label="Lot numbers"
                    placeholder="LOT-1, LOT-2"
                    {...form.register(`lines.${index}.lotNumbers`)}
                    error={form.messageOf(`lines.${index}.lotNumbers`)}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
        <FieldMessage message={form.formState.errors.lines?.message ?? form.formState.errors.lines?.root?.message} />
        <Text size="xs" c="dimmed">
          Set a line to 0 to leave it for a later truck.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Transporter" {...form.register('transporter')} error={form.messageOf('transporter')} />
          <TextInput
            label="Vehicle number"
            placeholder="GJ01AB1234"
            {...form.register('vehicleNumber')}
            error={form.messageOf('vehicleNumber')}
          />
          <TextInput
            label="LR number"
            description="The transporter's lorry receipt"
            {...form.register('lrNumber')}
            error={form.messageOf('lrNumber')}
          />
          <TextInput
            label="E-way bill number"
            inputMode="numeric"
            description="Generate the e-way bill on the government's e-way bill portal and enter its 12-digit number here; Tradeloom cannot generate one."
            {...form.register('ewayBillNumber')}
            error={form.messageOf('ewayBillNumber')}
          />
          <TextInput
            type="date"
            label="Dispatch date"
            description="Today if left empty"
            {...form.register('dispatchDate')}
            error={form.messageOf('dispatchDate')}
          />
        </SimpleGrid>
        <Textarea label="Note" autosize minRows={2} {...form.register('note')} error={form.messageOf('note')} />
        <Group justify="flex-end">
          <SubmitRow form={form} loading={dispatch.isPending}>
            Dispatch
          </SubmitRow>
        </Group>
      </SchemaForm>
    </Paper>
  );
}
