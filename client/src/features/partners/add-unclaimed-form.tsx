import { TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { addUnclaimedInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { COUNTRIES } from '../companies/company-fields.tsx';

interface UnclaimedFormValues {
  name: string;
  country: string;
  taxId: string;
  contactEmail: string;
  relationship: 'supplier' | 'buyer';
}

const RELATIONSHIPS = [
  { value: 'supplier', label: 'A supplier we buy from' },
  { value: 'buyer', label: 'A buyer we sell to' },
];

/** A partner that is not on Tradeloom yet: only our company sees it until they claim it. */
export function AddUnclaimedForm({ onDone }: { onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(addUnclaimedInput, {
    defaultValues: { name: '', country: 'IN', taxId: '', contactEmail: '', relationship: 'supplier' },
    // Empty optional boxes are left out.
    prepare: (values: UnclaimedFormValues) => ({
      ...values,
      taxId: values.taxId || undefined,
      contactEmail: values.contactEmail || undefined,
    }),
  });
  const add = trpc.partners.addUnclaimed.useMutation({
    onSuccess: async (company) => {
      await utils.partners.list.invalidate();
      notifications.show({ color: 'teal', message: `${company.name} added. Only your company sees it until they claim it.` });
      onDone();
    },
    onError: form.showServerError,
  });
  const india = form.watch('country') === 'IN';
  return (
    <SchemaForm form={form} onSubmit={(input) => add.mutate(input)}>
      <TextInput label="Company name" required {...form.register('name')} error={form.messageOf('name')} />
      <SelectField form={form} name="relationship" label="They are" data={RELATIONSHIPS} allowDeselect={false} />
      <SelectField form={form} name="country" label="Country" data={COUNTRIES} allowDeselect={false} />
      <TextInput label={india ? 'GSTIN' : 'Tax id'} {...form.register('taxId')} error={form.messageOf('taxId')} />
      <TextInput
        label="Contact email"
        description="Who can claim the company later."
        type="email"
        {...form.register('contactEmail')}
        error={form.messageOf('contactEmail')}
      />
      <SubmitRow form={form} loading={add.isPending}>
        Add partner
      </SubmitRow>
    </SchemaForm>
  );
}
