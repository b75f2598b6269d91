import { Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { formatMoney, formatTradeQuantity, type NegotiationTerms, type OfferSummary, termsChanges, tradeValue } from '@tradeloom/shared';
import { useRef } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { DataTable } from '../../components/ui.tsx';
import { errorReason } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';
import { type MasterNames, useMasterNames } from './deal-format.tsx';
import {
  BASIS_OPTIONS,
  draftFromOffer,
  draftFromTerms,
  PRICE_UNIT_OPTIONS,
  proposedTerms,
  quantityBeyondRemaining,
  type TermsDraft,
  type TermsFormOutput,
  type TermsFormValues,
  termsFormInput,
  termsFormSchema,
  UNIT_OPTIONS,
  withTermName,
} from './terms-draft.ts';

type Form = ZodForm<TermsFormValues, TermsFormOutput>;

// The currencies the desk trades in; the offer's own is always offered.
const CURRENCIES = ['INR', 'USD'];

/**
 * The proposal form, shared by opening a negotiation on an offer and countering the version on
 * the table. A counter shows, before it is sent, each term it changes against that version.
 */
export function TermsForm(
  props:
    | { mode: 'open'; offer: OfferSummary; onCancel: () => void }
    | {
        mode: 'counter';
        offer: OfferSummary;
        negotiationId: string;
        current: { version: number; terms: NegotiationTerms };
        onCancel: () => void;
        onSent: () => void;
      },
) {
  const { offer } = props;
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const names = useMasterNames(offer.commodityCode);
  const startFrom = props.mode === 'counter' ? draftFromTerms(props.current.terms) : draftFromOffer(offer);
  const form = useZodForm(termsFormSchema, { defaultValues: { terms: startFrom, message: '' }, prepare: termsFormInput });
  // One proposal per attempt is enough; the server refuses a second negotiation on the same offer anyway.
  const sending = useRef(false);
  const showError = (error: unknown) => {
    sending.current = false;
    if (errorReason(error) === 'QUANTITY_EXCEEDS_REMAINING') {
      form.setError('terms.quantity', { type: 'server', message: 'is more than the offer has left' });
      void utils.tradedesk.offers.get.invalidate({ offerId: offer.id });
      return;
    }
    form.showServerError(error);
  };
  const open = trpc.tradedesk.negotiations.open.useMutation({
    onSuccess: async (opened) => {
      await utils.tradedesk.invalidate();
      navigate(`/negotiations/${opened.id}`);
    },
    onError: showError,
  });
  const counter = trpc.tradedesk.negotiations.counter.useMutation({
    onSuccess: async () => {
      sending.current = false;
      await utils.tradedesk.invalidate();
      if (props.mode === 'counter') props.onSent();
    },
    onError: showError,
  });
  const values = useWatch({ control: form.control }) as TermsFormValues;
  const changes =
    props.mode === 'counter'
      ? termsChanges(props.current.terms, proposedTerms(values.terms, names.structures)).map((change) => ({
          field: change.field,
          before: withTermName(change.field, change.before, names.term) ?? '—',
          after: withTermName(change.field, change.after, names.term) ?? '—',
        }))
      : [];

  const onSubmit = (input: TermsFormOutput) => {
    const beyond = quantityBeyondRemaining(values.terms, offer);
    if (beyond) {
      form.setError('terms.quantity', { type: 'validate', message: beyond });
      return;
    }
    if (sending.current) return;
    sending.current = true;
    if (props.mode === 'open') open.mutate({ offerId: offer.id, terms: input.terms, message: input.message || undefined });
    else
      counter.mutate({
        negotiationId: props.negotiationId,
        version: props.current.version,
        terms: input.terms,
        message: input.message || undefined,
      });
  };

  return (
    <Paper withBorder p="lg" data-testid="terms-form">
      <Title order={4} mb="xs">
        {props.mode === 'open' ? `Propose terms on ${offer.number}` : `Counter version ${props.current.version}`}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {props.mode === 'open'
          ? `Filled in from the offer; change what you want to propose. ${formatTradeQuantity(offer.remainingQuantity, offer.unit)} still open.`
          : 'Filled in from the version on the table; every term you change is listed before you send it.'}
      </Text>
      <SchemaForm form={form} onSubmit={onSubmit}>
        <PriceAndQuantity form={form} currencies={[...new Set([offer.currency, ...CURRENCIES])]} />
        <QualityFields form={form} names={names} />
        <DeliveryAndPayment form={form} names={names} />
        <BrokerFields form={form} names={names} />
        <ScheduleFields form={form} />
        <Textarea label="Message to the other side" autosize minRows={2} {...form.register('message')} error={form.messageOf('message')} />
        {props.mode === 'counter' && <ChangesPreview changes={changes} version={props.current.version} />}
        <SubmitRow
          form={form}
          loading={open.isPending || counter.isPending}
          disabled={props.mode === 'counter' && changes.length === 0}
          extra={
            <Button variant="subtle" onClick={props.onCancel}>
              Cancel
            </Button>
          }
        >
          {props.mode === 'open' ? 'Send proposal' : 'Send counter-offer'}
        </SubmitRow>
      </SchemaForm>
    </Paper>
  );
}

function PriceAndQuantity({ form, currencies }: { form: Form; currencies: string[] }) {
  const [price, priceUnit, quantity, unit, currency] = useWatch({
    control: form.control,
    name: ['terms.price', 'terms.priceUnit', 'terms.quantity', 'terms.unit', 'terms.currency'],
  });
  const number = /^\d+(\.\d+)?$/;
  const value =
    number.test(price.trim()) && number.test(quantity.trim()) ? tradeValue(quantity.trim(), unit, price.trim(), priceUnit) : null;
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <TextInput label="Price" inputMode="decimal" {...form.register('terms.price')} error={form.messageOf('terms.price')} />
        <SelectField form={form} name="terms.priceUnit" label="Price unit" data={PRICE_UNIT_OPTIONS} allowDeselect={false} />
        <SelectField form={form} name="terms.currency" label="Currency" data={currencies} allowDeselect={false} />
        <TextInput label="Quantity" inputMode="decimal" {...form.register('terms.quantity')} error={form.messageOf('terms.quantity')} />
        <SelectField form={form} name="terms.unit" label="Unit" data={UNIT_OPTIONS} allowDeselect={false} />
      </SimpleGrid>
      {value && (
        <Text size="sm" c="dimmed" data-testid="terms-value">
          Value about {formatMoney(value.toFixed(2), currency || 'INR')} before taxes
        </Text>
      )}
    </Stack>
  );
}

/** A range per quality parameter of the commodity (and any the offer asks that the masters no longer list). */
function QualityFields({ form, names }: { form: Form; names: MasterNames }) {
  const quality = useWatch({ control: form.control, name: 'terms.quality' }) ?? {};
  const codes = [...new Set([...names.parameters.map((p) => p.code), ...Object.keys(quality)])];
  if (codes.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        Quality (leave both ends empty to ask nothing of a parameter)
      </Text>
      <DataTable headers={['Parameter', 'Minimum', 'Maximum']} minWidth={320}>
        {codes.map((code) => (
          <Table.Tr key={code}>
            <Table.Td>{names.parameter(code)}</Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`Minimum ${names.parameter(code)}`}
                inputMode="decimal"
                size="xs"
                {...form.register(`terms.quality.${code}.min`)}
                error={form.messageOf(`terms.quality.${code}.min`)}
              />
            </Table.Td>
            <Table.Td>
              <TextInput
                aria-label={`Maximum ${names.parameter(code)}`}
                inputMode="decimal"
                size="xs"
                {...form.register(`terms.quality.${code}.max`)}
                error={form.messageOf(`terms.quality.${code}.max`)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

function DeliveryAndPayment({ form, names }: { form: Form; names: MasterNames }) {
  const options = (kind: 'delivery' | 'payment' | 'sale') =>
    names.terms.filter((term) => term.kind === kind).map((term) => ({ value: term.code, label: term.name }));
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <TextInput
        label="Delivery state"
        placeholder="GJ"
        {...form.register('terms.deliveryStateCode')}
        error={form.messageOf('terms.deliveryStateCode')}
      />
      <TextInput label="Delivery city" {...form.register('terms.deliveryCity')} error={form.messageOf('terms.deliveryCity')} />
      <SelectField form={form} name="terms.deliveryTerm" label="Delivery term" data={options('delivery')} clearable searchable />
      <TextInput type="date" label="Delivery from" {...form.register('terms.deliveryFrom')} error={form.messageOf('terms.deliveryFrom')} />
      <TextInput type="date" label="Delivery to" {...form.register('terms.deliveryTo')} error={form.messageOf('terms.deliveryTo')} />
      <SelectField form={form} name="terms.paymentTerm" label="Payment term" data={options('payment')} clearable searchable />
      <TextInput
        label="Payment days"
        inputMode="numeric"
        {...form.register('terms.paymentDays')}
        error={form.messageOf('terms.paymentDays')}
      />
      <TextInput
        label="Quantity tolerance %"
        inputMode="decimal"
        placeholder="e.g. 5"
        {...form.register('terms.quantityTolerancePct')}
        error={form.messageOf('terms.quantityTolerancePct')}
      />
      <SelectField form={form} name="terms.termsCode" label="Sale terms" placeholder="None" data={options('sale')} clearable searchable />
    </SimpleGrid>
  );
}

/** A broker on the deal: none, one of the company's commission structures, or named here. */
function BrokerFields({ form, names }: { form: Form; names: MasterNames }) {
  const mode = useWatch({ control: form.control, name: 'terms.commission.mode' });
  const modes = [
    { value: 'none', label: 'No broker' },
    ...(names.structures.length ? [{ value: 'structure', label: 'Saved structure' }] : []),
    { value: 'named', label: 'Name a broker' },
  ];
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        Broker
      </Text>
      <SegmentedControl
        aria-label="Broker"
        data={modes}
        value={mode}
        onChange={(value) => form.setValue('terms.commission.mode', value as TermsDraft['commission']['mode'], { shouldDirty: true })}
        w="fit-content"
        maw="100%"
      />
      {mode === 'structure' && (
        <SelectField
          form={form}
          name="terms.commission.structureId"
          label="Commission structure"
          data={names.structures.map((row) => ({ value: row.id, label: row.name }))}
          allowDeselect={false}
        />
      )}
      {mode === 'named' && (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            label="Broker name"
            {...form.register('terms.commission.brokerName')}
            error={form.messageOf('terms.commission.brokerName')}
          />
          <SelectField form={form} name="terms.commission.basis" label="Basis" data={BASIS_OPTIONS} allowDeselect={false} />
          <TextInput
            label="Rate"
            inputMode="decimal"
            {...form.register('terms.commission.rate')}
            error={form.messageOf('terms.commission.rate')}
          />
          <TextInput
            label="Seller's share %"
            inputMode="decimal"
            {...form.register('terms.commission.sellerSharePct')}
            error={form.messageOf('terms.commission.sellerSharePct')}
          />
        </SimpleGrid>
      )}
      <FieldMessage message={form.messageOf('terms.commission')} />
    </Stack>
  );
}

/** Delivery in parts: each row a window and the quantity due in it. */
function ScheduleFields({ form }: { form: Form }) {
  const rows = useFieldArray({ control: form.control, name: 'terms.deliverySchedule' });
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          Delivery schedule{' '}
          {rows.fields.length === 0 && (
            <Text span c="dimmed" size="sm">
              (all at once)
            </Text>
          )}
        </Text>
        <Button size="xs" variant="subtle" onClick={() => rows.append({ dueFrom: '', dueTo: '', quantity: '' })}>
          Add a delivery
        </Button>
      </Group>
      {rows.fields.map((row, index) => (
        <Group key={row.id} align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            type="date"
            label={`Delivery ${index + 1} from`}
            {...form.register(`terms.deliverySchedule.${index}.dueFrom`)}
            error={form.messageOf(`terms.deliverySchedule.${index}.dueFrom`)}
          />
          <TextInput
            type="date"
            label="to"
            aria-label={`Delivery ${index + 1} to`}
            {...form.register(`terms.deliverySchedule.${index}.dueTo`)}
            error={form.messageOf(`terms.deliverySchedule.${index}.dueTo`)}
          />
          <TextInput
            label="Quantity"
            aria-label={`Delivery ${index + 1} quantity`}
            inputMode="decimal"
            w={120}
            {...form.register(`terms.deliverySchedule.${index}.quantity`)}
            error={form.messageOf(`terms.deliverySchedule.${index}.quantity`)}
          />
          <Button size="xs" variant="subtle" color="red" onClick={() => rows.remove(index)} aria-label={`Remove delivery ${index + 1}`}>
            Remove
          </Button>
        </Group>
      ))}
      <FieldMessage message={form.messageOf('terms.deliverySchedule')} />
    </Stack>
  );
}

function ChangesPreview({ changes, version }: { changes: { field: string; before: string; after: string }[]; version: number }) {
  return (
    <Paper bg="gray.0" p="sm" data-testid="counter-changes">
      <Text fw={600} size="sm" mb={4}>
        What you change against version {version}
      </Text>
      {changes.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing yet: change at least one term to counter, or accept the version as it stands.
        </Text>
      ) : (
        <Stack gap={2}>
          {changes.map((change) => (
            <Text size="sm" key={change.field} data-testid="counter-change">
              <b>{change.field}</b>: {change.before} → {change.after}
            </Text>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
