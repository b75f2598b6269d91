import { Button, Group, Paper, Stack } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { MutationForm, PageHeader, QueryView } from '../../components/ui.tsx';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { draftFromOrder, draftInput, OrderDraftFields, useOrderProducts } from './order-draft-fields.tsx';

type Order = RouterOutputs['orders']['get'];

/** Changes a draft before it is sent; a stale version (someone saved meanwhile) is reported. */
export function EditOrderPage() {
  const { orderId = '' } = useParams();
  const order = trpc.orders.get.useQuery({ orderId });
  return <QueryView query={order}>{(data) => <EditOrderForm order={data} />}</QueryView>;
}

function EditOrderForm({ order }: { order: Order }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [draft, setDraft] = useState(() => draftFromOrder(order));
  // The version we started from, even if a refetch brings a newer one: saving over someone
  // else's change must be a conflict, not a silent overwrite.
  const [baseVersion] = useState(order.version);
  const side = order.side === 'buyer' ? 'purchase' : 'sales';
  const products = useOrderProducts(side, order.partner.id);
  const update = trpc.orders.update.useMutation({
    onSuccess: async () => {
      await utils.orders.invalidate();
      navigate(`/orders/${order.id}`);
    },
  });
  const title = `Edit ${side === 'purchase' ? 'purchase' : 'sales'} order ${order.number ?? ''}`;
  if (!order.editable) {
    return <PageHeader title={title} description="Only a draft your company created can be edited; this one has moved on." />;
  }
  return (
    <Stack>
      <PageHeader title={title} description={`${side === 'purchase' ? 'Supplier' : 'Buyer'}: ${order.partner.name}`} />
      <Paper withBorder p="lg">
        <MutationForm
          onSubmit={() => update.mutate({ orderId: order.id, version: baseVersion, ...draftInput(draft) })}
          error={update.error}
        >
          <OrderDraftFields draft={draft} onChange={setDraft} products={products} error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={`/orders/${order.id}`}>
              Discard changes
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save draft
            </Button>
          </Group>
        </MutationForm>
      </Paper>
    </Stack>
  );
}
