import { Checkbox, Group, Select, TextInput } from '@mantine/core';
import { fieldError } from '../../lib/errors.ts';

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

export interface CompanyForm {
  name: string;
  legalName: string;
  country: string;
  taxId: string;
  isBuyer: boolean;
  isSupplier: boolean;
}

/** The company's own fields, shared by the create and edit forms; `error` names rejected fields. */
export function CompanyFields({
  form,
  onChange,
  error,
  countryEditable,
}: {
  form: CompanyForm;
  onChange: (form: CompanyForm) => void;
  error: unknown;
  countryEditable: boolean;
}) {
  const set = <K extends keyof CompanyForm>(key: K, value: CompanyForm[K]) => onChange({ ...form, [key]: value });
  const india = form.country === 'IN';
  return (
    <>
      <TextInput
        label="Company name"
        required
        value={form.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={fieldError(error, 'name')}
      />
      <TextInput
        label="Legal name"
        description="As registered; defaults to the company name."
        value={form.legalName}
        onChange={(e) => set('legalName', e.currentTarget.value)}
        error={fieldError(error, 'legalName')}
      />
      {countryEditable && (
        <Select
          label="Country"
          data={COUNTRIES}
          value={form.country}
          onChange={(value) => set('country', value ?? 'IN')}
          allowDeselect={false}
          error={fieldError(error, 'country')}
        />
      )}
      <TextInput
        label={india ? 'GSTIN' : 'Tax id'}
        description={india ? '15 characters, e.g. 24AABCS4821K1ZF; the check digit is verified.' : undefined}
        value={form.taxId}
        onChange={(e) => set('taxId', e.currentTarget.value)}
        error={fieldError(error, 'taxId')}
      />
      <Group>
        <Checkbox label="We buy" checked={form.isBuyer} onChange={(e) => set('isBuyer', e.currentTarget.checked)} />
        <Checkbox label="We supply" checked={form.isSupplier} onChange={(e) => set('isSupplier', e.currentTarget.checked)} />
      </Group>
    </>
  );
}
