import { Paper, Select, Stack } from '@mantine/core';
import { createOrderInput } from '@tradeloom/shared';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { draftInput, emptyDraft, type OrderDraft } from './order-draft.ts';
import { OrderDraftFields, useOrderProducts } from './order-draft-fields.tsx';
import { linesFromPicks, picksFromUrl } from './order-prefill.ts';

/**
 * A draft order: pick a linked partner, add lines from the supplier's catalog or free text. Coming
 * from a supplier's catalog, the supplier and the picked products arrive in the URL.
 */
export function NewOrderPage() {
  return (
    <RequirePermission permission="orders:write" back={{ to: '/orders', label: 'Back to orders' }}>
      <NewOrderForm />
    </RequirePermission>
  );
}

function NewOrderForm() {
  const [params] = useSearchParams();
  const side = params.get('side') === 'sales' ? 'sales' : 'purchase';
  const navigate = useNavigate();
  // The partner stays outside the form: choosing another one starts the lines afresh.
  const [partnerId, setPartnerId] = useState<string | null>(side === 'purchase' ? params.get('supplier') : null);
  const [picks] = useState(() => picksFromUrl(params));
  const form = useZodForm(createOrderInput, {
    defaultValues: emptyDraft(),
    prepare: (draft: OrderDraft) => ({
      ...(side === 'purchase' ? { supplierId: partnerId ?? undefined } : { buyerId: partnerId ?? undefined }),
      ...draftInput(draft),
    }),
  });
  // The newest 100 linked partners: enough for a picker until it searches on the server.
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const counterparts = (partners.data?.items ?? []).filter((link) => link.partnerRole === (side === 'purchase' ? 'supplier' : 'buyer'));
  const products = useOrderProducts(side, partnerId);
  // Once the supplier's catalog is in, the picked products become the first lines (priced as listed now).
  const [prefilled, setPrefilled] = useState(picks.length === 0);
  useEffect(() => {
    if (prefilled || products.length === 0) return;
    const lines = linesFromPicks(picks, products);
    if (lines.length) form.reset(emptyDraft(lines));
    setPrefilled(true);
  }, [prefilled, products, picks, form]);
  const create = trpc.orders.create.useMutation({ onSuccess: (order) => navigate(`/orders/${order.id}`), onError: form.showServerError });
  return (
    <Stack>
      <PageHeader
        title={side === 'purchase' ? 'New purchase order' : 'New sales order'}
        description="It starts as a draft only you see; submit it to send it to your partner."
      />
      <Paper withBorder p="lg">
        <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
          <Select
            label={side === 'purchase' ? 'Supplier' : 'Buyer'}
            placeholder={counterparts.length ? 'Choose a linked partner' : 'No linked partner yet — link one under Partners'}
            data={counterparts.map((link) => ({
              value: link.partnerId,
              label: link.partnerClaimed ? link.partnerName : `${link.partnerName} (not on Tradeloom)`,
            }))}
            value={partnerId}
            onChange={(value) => {
              setPartnerId(value);
              form.reset(emptyDraft());
            }}
            searchable
            required
            w={420}
            maw="100%"
          />
          <OrderDraftFields form={form} products={products} side={side} partnerId={partnerId} />
          <SubmitRow form={form} loading={create.isPending} disabled={!partnerId}>
            Save draft
          </SubmitRow>
        </SchemaForm>
      </Paper>
    </Stack>
  );
}
