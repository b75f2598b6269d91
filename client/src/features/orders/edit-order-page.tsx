import { Button, Paper, Stack } from '@mantine/core';
import { updateOrderInput } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { draftFromOrder, draftInput, type OrderDraft } from './order-draft.ts';
import { OrderDraftFields, useOrderProducts } from './order-draft-fields.tsx';
import { ORDER_NOT_FOUND } from './order-status.tsx';

type Order = RouterOutputs['orders']['get'];

/** Changes a draft before it is sent; a stale version (someone saved meanwhile) is reported. */
export function EditOrderPage() {
  const { orderId = '' } = useParams();
  const order = trpc.orders.get.useQuery({ orderId });
  return (
    <RequirePermission permission="orders:write" back={{ to: `/orders/${orderId}`, label: 'Back to the order' }}>
      <QueryView query={order} notFound={ORDER_NOT_FOUND}>
        {(data) => <EditOrderForm order={data} />}
      </QueryView>
    </RequirePermission>
  );
}

function EditOrderForm({ order }: { order: Order }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  // The version we started from, even if a refetch brings a newer one: saving over someone
  // else's change must be a conflict, not a silent overwrite.
  const [baseVersion] = useState(order.version);
  const form = useZodForm(updateOrderInput, {
    defaultValues: draftFromOrder(order),
    prepare: (draft: OrderDraft) => ({ orderId: order.id, version: baseVersion, ...draftInput(draft) }),
  });
  const side = order.side === 'buyer' ? 'purchase' : 'sales';
  const products = useOrderProducts(side, order.partner.id);
  const update = trpc.orders.update.useMutation({
    onSuccess: async () => {
      await utils.orders.invalidate();
      navigate(`/orders/${order.id}`);
    },
    onError: form.showServerError,
  });
  const title = `Edit ${side === 'purchase' ? 'purchase' : 'sales'} order ${order.number ?? ''}`;
  if (!order.editable) {
    return <PageHeader title={title} description="Only a draft your company created can be edited; this one has moved on." />;
  }
  return (
    <Stack>
      <PageHeader title={title} description={`${side === 'purchase' ? 'Supplier' : 'Buyer'}: ${order.partner.name}`} />
      <Paper withBorder p="lg">
        <SchemaForm form={form} onSubmit={(input) => update.mutate(input)}>
          <OrderDraftFields form={form} products={products} side={side} partnerId={order.partner.id} />
          <SubmitRow
            form={form}
            loading={update.isPending}
            extra={
              <Button variant="default" component={Link} to={`/orders/${order.id}`}>
                Discard changes
              </Button>
            }
          >
            Save draft
          </SubmitRow>
        </SchemaForm>
      </Paper>
    </Stack>
  );
}
