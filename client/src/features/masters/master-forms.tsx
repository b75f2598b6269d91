import { Checkbox, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import {
  COMMISSION_BASES,
  LOCATION_KIND_LABELS,
  LOCATION_KINDS,
  saveCommissionStructureInput,
  saveGstRateInput,
  saveLocationInput,
  saveQualityParameterInput,
  saveTermInput,
  saveVarietyInput,
  TERM_KINDS,
} from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { trimZeros } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import {
  type CommissionStructure,
  type Location,
  type MasterScope,
  type QualityParameter,
  showSaveError,
  type Term,
  useMastersSaved,
  type Variety,
} from './master-api.ts';

// One form per kind of master row. Given a row of the scope's own, the form edits it (id and the
// version read); given a platform default on a company's screen, it overrides it: a new row of the
// company's with the same code. Code (and commodity or kind) name a row, so they stay as saved.

type Row = { id: string; version: number; origin: 'platform' | 'company' };

/** The id and version to send: the row's own when it is the scope's, nothing (a new row) otherwise. */
function rowRef(scope: MasterScope, row: Row | undefined) {
  return row && (scope === 'platform' || row.origin === 'company') ? { id: row.id, version: row.version } : {};
}

export const TERM_KIND_LABELS: Record<Term['kind'], string> = { delivery: 'Delivery', sale: 'Terms of sale', payment: 'Payment' };
export const BASIS_LABELS: Record<CommissionStructure['basis'], string> = {
  per_bale: 'Per bale (₹)',
  per_candy: 'Per candy (₹)',
  percent: 'Percent of value',
};

interface FormProps<R> {
  scope: MasterScope;
  row?: R;
  onDone: () => void;
}

export function VarietyForm({ scope, row, commodityCode, onDone }: FormProps<Variety> & { commodityCode: string }) {
  const form = useZodForm(saveVarietyInput, {
    defaultValues: { code: row?.code ?? '', name: row?.name ?? '', aliases: row?.aliases.join(', ') ?? '', active: row?.active ?? true },
    prepare: (values: { code: string; name: string; aliases: string; active: boolean }) => ({
      ...rowRef(scope, row),
      ...values,
      commodityCode,
      aliases: values.aliases
        .split(',')
        .map((alias) => alias.trim())
        .filter(Boolean),
    }),
  });
  const options = { onSuccess: useMastersSaved(onDone), onError: showSaveError(form) };
  const company = trpc.masters.saveVariety.useMutation(options);
  const platform = trpc.masters.platform.saveVariety.useMutation(options);
  const save = scope === 'company' ? company : platform;
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Code"
          placeholder="shankar-6"
          required
          disabled={Boolean(row)}
          {...form.register('code')}
          error={form.messageOf('code')}
        />
        <TextInput label="Name" required {...form.register('name')} error={form.messageOf('name')} />
      </SimpleGrid>
      <TextInput
        label="What traders write for it"
        description="Separated by commas, e.g. S-6, S6, Shankar 6"
        {...form.register('aliases')}
        error={form.messageOf('aliases')}
      />
      <Checkbox label="Active" {...form.register('active')} />
      <SubmitRow form={form} loading={save.isPending}>
        Save variety
      </SubmitRow>
    </SchemaForm>
  );
}

export function QualityParameterForm({ scope, row, commodityCode, onDone }: FormProps<QualityParameter> & { commodityCode: string }) {
  const form = useZodForm(saveQualityParameterInput, {
    defaultValues: {
      code: row?.code ?? '',
      name: row?.name ?? '',
      unit: row?.unit ?? '',
      minAllowed: row ? trimZeros(row.minAllowed) : '',
      maxAllowed: row ? trimZeros(row.maxAllowed) : '',
      sortOrder: String(row?.sortOrder ?? 0),
      active: row?.active ?? true,
    },
    prepare: (values: {
      code: string;
      name: string;
      unit: string;
      minAllowed: string;
      maxAllowed: string;
      sortOrder: string;
      active: boolean;
    }) => ({
      ...rowRef(scope, row),
      ...values,
      commodityCode,
      sortOrder: Number(values.sortOrder || 0),
    }),
  });
  const options = { onSuccess: useMastersSaved(onDone), onError: showSaveError(form) };
  const company = trpc.masters.saveQualityParameter.useMutation(options);
  const platform = trpc.masters.platform.saveQualityParameter.useMutation(options);
  const save = scope === 'company' ? company : platform;
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Code"
          placeholder="staple_mm"
          required
          disabled={Boolean(row)}
          {...form.register('code')}
          error={form.messageOf('code')}
        />
        <TextInput label="Name" required {...form.register('name')} error={form.messageOf('name')} />
        <TextInput
          label="Minimum allowed"
          inputMode="decimal"
          required
          {...form.register('minAllowed')}
          error={form.messageOf('minAllowed')}
        />
        <TextInput
          label="Maximum allowed"
          inputMode="decimal"
          required
          {...form.register('maxAllowed')}
          error={form.messageOf('maxAllowed')}
        />
        <TextInput label="Unit" placeholder="mm" {...form.register('unit')} error={form.messageOf('unit')} />
        <TextInput label="Order on a report" inputMode="numeric" {...form.register('sortOrder')} error={form.messageOf('sortOrder')} />
      </SimpleGrid>
      <Checkbox label="Active" {...form.register('active')} />
      <SubmitRow form={form} loading={save.isPending}>
        Save range
      </SubmitRow>
    </SchemaForm>
  );
}

export function LocationForm({ scope, row, onDone }: FormProps<Location>) {
  const form = useZodForm(saveLocationInput, {
    defaultValues: {
      kind: row?.kind ?? 'warehouse',
      code: row?.code ?? '',
      name: row?.name ?? '',
      stateCode: row?.stateCode ?? '',
      city: row?.city ?? '',
      address: row?.address ?? '',
      active: row?.active ?? true,
    },
    prepare: (values: {
      kind: Location['kind'];
      code: string;
      name: string;
      stateCode: string;
      city: string;
      address: string;
      active: boolean;
    }) => ({
      ...rowRef(scope, row),
      ...values,
      city: values.city || undefined,
      address: values.address || undefined,
    }),
  });
  const options = { onSuccess: useMastersSaved(onDone), onError: showSaveError(form) };
  const company = trpc.masters.saveLocation.useMutation(options);
  const platform = trpc.masters.platform.saveLocation.useMutation(options);
  const save = scope === 'company' ? company : platform;
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          required
          disabled={Boolean(row)}
          data={LOCATION_KINDS.map((kind) => ({ value: kind, label: LOCATION_KIND_LABELS[kind] }))}
        />
        <TextInput
          label="Code"
          placeholder="WH-GONDAL"
          required
          disabled={Boolean(row)}
          {...form.register('code')}
          error={form.messageOf('code')}
        />
        <TextInput label="Name" required {...form.register('name')} error={form.messageOf('name')} />
        <TextInput
          label="State code"
          placeholder="GJ"
          required
          maxLength={2}
          {...form.register('stateCode')}
          error={form.messageOf('stateCode')}
        />
        <TextInput label="City" {...form.register('city')} error={form.messageOf('city')} />
        <TextInput label="Address" {...form.register('address')} error={form.messageOf('address')} />
      </SimpleGrid>
      <Checkbox label="Active" {...form.register('active')} />
      <SubmitRow form={form} loading={save.isPending}>
        Save location
      </SubmitRow>
    </SchemaForm>
  );
}

export function TermForm({ scope, row, kind, template, onDone }: FormProps<Term> & { kind?: Term['kind']; template?: string }) {
  const form = useZodForm(saveTermInput, {
    defaultValues: {
      kind: row?.kind ?? kind ?? 'payment',
      code: row?.code ?? '',
      name: row?.name ?? '',
      body: row?.body ?? '',
      paymentDays: row?.paymentDays === null || row?.paymentDays === undefined ? '' : String(row.paymentDays),
      active: row?.active ?? true,
    },
    prepare: (values: { kind: Term['kind']; code: string; name: string; body: string; paymentDays: string; active: boolean }) => ({
      ...rowRef(scope, row),
      ...values,
      paymentDays: values.kind === 'payment' && values.paymentDays !== '' ? Number(values.paymentDays) : undefined,
    }),
  });
  const options = { onSuccess: useMastersSaved(onDone), onError: showSaveError(form) };
  const company = trpc.masters.saveTerm.useMutation(options);
  const platform = trpc.masters.platform.saveTerm.useMutation(options);
  const save = scope === 'company' ? company : platform;
  const chosenKind = form.watch('kind');
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SelectField
          form={form}
          name="kind"
          label="Kind"
          required
          disabled={Boolean(row)}
          data={TERM_KINDS.map((value) => ({ value, label: TERM_KIND_LABELS[value] }))}
        />
        <TextInput
          label="Code"
          placeholder="net-30"
          required
          disabled={Boolean(row)}
          {...form.register('code')}
          error={form.messageOf('code')}
        />
        <TextInput label="Name" required {...form.register('name')} error={form.messageOf('name')} />
        {chosenKind === 'payment' && (
          <TextInput label="Days of credit" inputMode="numeric" {...form.register('paymentDays')} error={form.messageOf('paymentDays')} />
        )}
      </SimpleGrid>
      <Textarea label="Text" autosize minRows={3} maxRows={16} {...form.register('body')} error={form.messageOf('body')} />
      {template && chosenKind === 'sale' && !form.watch('body') && (
        <Checkbox
          label="Start from the CCI standard terms of sale"
          onChange={(event) => event.currentTarget.checked && form.setValue('body', template, { shouldDirty: true })}
        />
      )}
      <Checkbox label="Active" {...form.register('active')} />
      <SubmitRow form={form} loading={save.isPending}>
        Save term
      </SubmitRow>
    </SchemaForm>
  );
}

export function CommissionForm({ row, onDone }: { row?: CommissionStructure; onDone: () => void }) {
  const form = useZodForm(saveCommissionStructureInput, {
    defaultValues: {
      name: row?.name ?? '',
      brokerName: row?.brokerName ?? '',
      basis: row?.basis ?? 'per_bale',
      rate: row ? trimZeros(row.rate) : '',
      sellerSharePct: row ? trimZeros(row.sellerSharePct) : '50',
      active: row?.active ?? true,
    },
    prepare: (values: {
      name: string;
      brokerName: string;
      basis: CommissionStructure['basis'];
      rate: string;
      sellerSharePct: string;
      active: boolean;
    }) => ({
      ...(row ? { id: row.id, version: row.version, brokerCompanyId: row.brokerCompanyId ?? undefined } : {}),
      ...values,
    }),
  });
  const save = trpc.masters.saveCommissionStructure.useMutation({ onSuccess: useMastersSaved(onDone), onError: showSaveError(form) });
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Name" placeholder="Rajkot brokerage" required {...form.register('name')} error={form.messageOf('name')} />
        <TextInput
          label="Broker"
          placeholder="Patel & Sons"
          required
          {...form.register('brokerName')}
          error={form.messageOf('brokerName')}
        />
        <SelectField
          form={form}
          name="basis"
          label="Charged"
          required
          data={COMMISSION_BASES.map((value) => ({ value, label: BASIS_LABELS[value] }))}
        />
        <TextInput label="Rate" inputMode="decimal" required {...form.register('rate')} error={form.messageOf('rate')} />
        <TextInput
          label="Seller’s share (%)"
          description="The buyer pays the rest"
          inputMode="decimal"
          required
          {...form.register('sellerSharePct')}
          error={form.messageOf('sellerSharePct')}
        />
      </SimpleGrid>
      <Checkbox label="Active" {...form.register('active')} />
      <SubmitRow form={form} loading={save.isPending}>
        Save commission
      </SubmitRow>
    </SchemaForm>
  );
}

export function GstRateForm({ hsnCode, onDone }: { hsnCode?: string; onDone: () => void }) {
  const form = useZodForm(saveGstRateInput, {
    defaultValues: { hsnCode: hsnCode ?? '', rate: '', effectiveFrom: '', note: '' },
    prepare: (values: { hsnCode: string; rate: string; effectiveFrom: string; note: string }) => ({
      ...values,
      note: values.note || undefined,
    }),
  });
  const save = trpc.masters.platform.saveGstRate.useMutation({ onSuccess: useMastersSaved(onDone), onError: showSaveError(form) });
  return (
    <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="HSN code" placeholder="5201" required {...form.register('hsnCode')} error={form.messageOf('hsnCode')} />
        <TextInput label="Rate (%)" inputMode="decimal" required {...form.register('rate')} error={form.messageOf('rate')} />
        <TextInput label="In force from" type="date" required {...form.register('effectiveFrom')} error={form.messageOf('effectiveFrom')} />
        <TextInput label="Note" {...form.register('note')} error={form.messageOf('note')} />
      </SimpleGrid>
      <SubmitRow form={form} loading={save.isPending}>
        Add rate
      </SubmitRow>
    </SchemaForm>
  );
}
