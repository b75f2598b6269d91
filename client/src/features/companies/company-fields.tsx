import { Checkbox, Group, TextInput } from '@mantine/core';
import { SelectField } from '../../components/select-field.tsx';
import type { ZodForm } from '../../lib/zod-form.ts';

export const COUNTRIES = [
  { value: 'IN', label: 'India' },
  { value: 'BD', label: 'Bangladesh' },
  { value: 'PK', label: 'Pakistan' },
  { value: 'VN', label: 'Vietnam' },
  { value: 'CN', label: 'China' },
  { value: 'TR', label: 'Türkiye' },
  { value: 'US', label: 'United States' },
  { value: 'GB', label: 'United Kingdom' },
];

/** What the company inputs hold: empty boxes are strings until the create or edit form maps them. */
export interface CompanyFormValues {
  name: string;
  legalName: string;
  country: string;
  taxId: string;
  isBuyer: boolean;
  isSupplier: boolean;
}

/** The company's own fields, shared by the create and edit forms. */
export function CompanyFields<Output>({ form, countryEditable }: { form: ZodForm<CompanyFormValues, Output>; countryEditable: boolean }) {
  const india = form.watch('country') === 'IN';
  return (
    <>
      <TextInput label="Company name" required {...form.register('name')} error={form.messageOf('name')} />
      <TextInput
        label="Legal name"
        description="As registered; defaults to the company name."
        {...form.register('legalName')}
        error={form.messageOf('legalName')}
      />
      {countryEditable && <SelectField form={form} name="country" label="Country" data={COUNTRIES} allowDeselect={false} />}
      <TextInput
        label={india ? 'GSTIN' : 'Tax id'}
        description={india ? '15 characters, e.g. 24AABCS4821K1ZF; the check digit is verified.' : undefined}
        {...form.register('taxId')}
        error={form.messageOf('taxId')}
      />
      <Group>
        <Checkbox label="We buy" {...form.register('isBuyer')} />
        <Checkbox label="We supply" {...form.register('isSupplier')} />
      </Group>
    </>
  );
}
