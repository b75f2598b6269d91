import { Button, Group, Paper, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { MutationForm, PageHeader } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { draftInput, emptyDraft, OrderDraftFields, useOrderProducts } from './order-draft-fields.tsx';

/** A draft order: pick a linked partner, add lines from the supplier's catalog or free text. */
export function NewOrderPage() {
  const [params] = useSearchParams();
  const side = params.get('side') === 'sales' ? 'sales' : 'purchase';
  const navigate = useNavigate();
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [draft, setDraft] = useState(emptyDraft);
  // The newest 100 linked partners: enough for a picker until it searches on the server.
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const counterparts = (partners.data?.items ?? []).filter((link) => link.partnerRole === (side === 'purchase' ? 'supplier' : 'buyer'));
  const products = useOrderProducts(side, partnerId);
  const create = trpc.orders.create.useMutation({ onSuccess: (order) => navigate(`/orders/${order.id}`) });
  const submit = () => {
    if (!partnerId) return;
    create.mutate({ ...(side === 'purchase' ? { supplierId: partnerId } : { buyerId: partnerId }), ...draftInput(draft) });
  };
  return (
    <Stack>
      <PageHeader
        title={side === 'purchase' ? 'New purchase order' : 'New sales order'}
        description="It starts as a draft only you see; submit it to send it to your partner."
      />
      <Paper withBorder p="lg">
        <MutationForm onSubmit={submit} error={create.error}>
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
              setDraft(emptyDraft());
            }}
            searchable
            required
            w={420}
          />
          <OrderDraftFields draft={draft} onChange={setDraft} products={products} error={create.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} disabled={!partnerId}>
              Save draft
            </Button>
          </Group>
        </MutationForm>
      </Paper>
    </Stack>
  );
}
