import { Group, TextInput } from '@mantine/core';
import { PAYMENT_TERMS, PAYMENT_TERMS_LABELS, type PaymentTermsKind } from '@tradeloom/shared';
import type { FieldPath, FieldValues } from 'react-hook-form';
import { SelectField } from '../../components/select-field.tsx';
import { trpc } from '../../lib/trpc.ts';
import type { ZodForm } from '../../lib/zod-form.ts';
import type { OrderDraft } from './order-draft.ts';

const TERM_OPTIONS = PAYMENT_TERMS.map((kind) => ({ value: kind, label: PAYMENT_TERMS_LABELS[kind] }));

/**
 * Where the goods can go: our own branches when we buy; when we sell, the branches of the buyer
 * picked (readable while it is linked to us). Null until a buyer is picked.
 */
function useShipToOptions(side: 'purchase' | 'sales', partnerId: string | null) {
  const own = trpc.companies.branches.list.useQuery(undefined, { enabled: side === 'purchase' });
  const buyers = trpc.partners.buyerBranches.useQuery(
    { buyerId: partnerId ?? '' },
    { enabled: side === 'sales' && Boolean(partnerId), retry: false },
  );
  const query = side === 'purchase' ? own : buyers;
  const options =
    (side === 'purchase'
      ? own.data?.map(({ id, name, city }) => ({ id, name, city }))
      : buyers.data?.map(({ branchId, name, city }) => ({ id: branchId, name, city }))) ?? [];
  return {
    ready: side === 'purchase' || Boolean(partnerId),
    loading: query.isLoading && query.fetchStatus !== 'idle',
    failed: query.error ? 'The branches could not be loaded; empty means the billing address.' : null,
    data: options.map((branch) => ({ value: branch.id, label: branch.city ? `${branch.name}, ${branch.city}` : branch.name })),
  };
}

/**
 * The commercial terms of a draft: requested delivery date, payment terms and which branch of
 * the buyer receives the goods (ours when we buy, the linked buyer's when we sell).
 */
export function OrderTermsFields<Output>({
  form,
  side,
  partnerId,
}: {
  form: ZodForm<OrderDraft, Output>;
  side: 'purchase' | 'sales';
  partnerId: string | null;
}) {
  const shipTo = useShipToOptions(side, partnerId);
  return (
    <Group align="flex-start" wrap="wrap">
      <TextInput
        type="date"
        label="Requested delivery"
        description="Empty means not agreed yet."
        {...form.register('requestedDeliveryDate')}
        error={form.messageOf('requestedDeliveryDate')}
        w={200}
      />
      <PaymentTermsFields form={form} />
      {shipTo.ready && (
        <SelectField
          form={form}
          name="shipToBranchId"
          label="Ship to"
          description={
            shipTo.failed ?? (side === 'purchase' ? 'Empty means your billing address.' : "Empty means the buyer's billing address.")
          }
          placeholder={shipTo.loading ? 'Loading branches…' : 'Billing address'}
          data={shipTo.data}
          clearable
          w={260}
          maw="100%"
        />
      )}
    </Group>
  );
}

/** The payment-terms inputs as a draft holds them; named like the server's field so its errors land here. */
export interface PaymentTermsDraft {
  paymentTerms: { kind: PaymentTermsKind | ''; days: string };
}

/** Payment terms (advance, against delivery, or credit days) of any draft holding `paymentTerms`: orders and tenders. */
export function PaymentTermsFields<Values extends FieldValues & PaymentTermsDraft, Output>({
  form,
  description = 'Advance, against delivery, or credit days.',
}: {
  form: ZodForm<Values, Output>;
  description?: string;
}) {
  const kind = 'paymentTerms.kind' as FieldPath<Values>;
  const days = 'paymentTerms.days' as FieldPath<Values>;
  const net = form.watch(kind) === 'net';
  return (
    <>
      <SelectField
        form={form}
        name={kind}
        label="Payment terms"
        description={description}
        placeholder="Not agreed yet"
        data={TERM_OPTIONS}
        clearable
        w={220}
      />
      {net && (
        <TextInput
          label="Credit days"
          description="Days from the invoice, 1 to 365."
          inputMode="numeric"
          {...form.register(days)}
          error={form.messageOf(days)}
          w={140}
        />
      )}
    </>
  );
}
