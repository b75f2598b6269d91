import { Group, TextInput } from '@mantine/core';
import { PAYMENT_TERMS, PAYMENT_TERMS_LABELS } from '@tradeloom/shared';
import { SelectField } from '../../components/select-field.tsx';
import { trpc } from '../../lib/trpc.ts';
import type { ZodForm } from '../../lib/zod-form.ts';
import type { OrderDraft } from './order-draft.ts';

const TERM_OPTIONS = PAYMENT_TERMS.map((kind) => ({ value: kind, label: PAYMENT_TERMS_LABELS[kind] }));

/**
 * The commercial terms of a draft: requested delivery date, payment terms and, when we are the
 * buyer, which of our branches receives the goods (a seller does not see its buyer's branches).
 */
export function OrderTermsFields<Output>({ form, side }: { form: ZodForm<OrderDraft, Output>; side: 'purchase' | 'sales' }) {
  const branches = trpc.companies.branches.list.useQuery(undefined, { enabled: side === 'purchase' });
  const net = form.watch('paymentTerms.kind') === 'net';
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
      <SelectField
        form={form}
        name="paymentTerms.kind"
        label="Payment terms"
        description="Advance, against delivery, or credit days."
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
          {...form.register('paymentTerms.days')}
          error={form.messageOf('paymentTerms.days')}
          w={140}
        />
      )}
      {side === 'purchase' && (
        <SelectField
          form={form}
          name="shipToBranchId"
          label="Ship to"
          description="Empty means your billing address."
          placeholder={branches.isLoading ? 'Loading branches…' : 'Billing address'}
          data={(branches.data ?? []).map((branch) => ({
            value: branch.id,
            label: branch.city ? `${branch.name}, ${branch.city}` : branch.name,
          }))}
          clearable
          w={260}
          maw="100%"
        />
      )}
    </Group>
  );
}
