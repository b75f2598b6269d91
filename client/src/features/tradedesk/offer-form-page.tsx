import { Alert, Autocomplete, Button, Group, List, Paper, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createOfferInput, OFFER_VISIBILITIES, OFFER_VISIBILITY_LABELS, TRADE_UNIT_LABELS, TRADE_UNITS } from '@tradeloom/shared';
import { type ReactNode, useRef, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, errorReason } from '../../lib/errors.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';
import { keyResults } from './desk-format.ts';
import {
  draftForLot,
  draftFromParse,
  emptyOfferDraft,
  type FieldSource,
  LOW_CONFIDENCE,
  type OfferDraft,
  offerInput,
} from './offer-draft.ts';
import { offerPath } from './offer-list.tsx';
import { QualityRangeFields } from './quality-fields.tsx';
import { useCityNames, useCommodity, useStates, useTerms } from './use-masters.ts';

type Form = ZodForm<OfferDraft, ReturnType<typeof createOfferInput.parse>>;
type Lot = RouterOutputs['tradedesk']['lots']['list']['items'][number];

const UNIT_OPTIONS = TRADE_UNITS.map((unit) => ({ value: unit, label: TRADE_UNIT_LABELS[unit].many }));
const PRICE_UNIT_OPTIONS = TRADE_UNITS.map((unit) => ({ value: unit, label: TRADE_UNIT_LABELS[unit].per }));

/** /desk/new, and /desk/new?lotId=… from a lot's "Offer this lot": the form starts from that lot. */
export function NewOfferPage() {
  const [params] = useSearchParams();
  const lotId = params.get('lotId');
  const lot = trpc.tradedesk.lots.get.useQuery({ lotId: lotId ?? '' }, { enabled: Boolean(lotId), retry: false });
  const header = (
    <PageHeader
      title="Post an offer"
      description="Paste a trade message to fill the form, or fill it yourself. Nothing is posted until you check it and press Post offer."
    />
  );
  if (!lotId) {
    return (
      <Stack>
        {header}
        <OfferForm initial={emptyOfferDraft(new Date())} />
      </Stack>
    );
  }
  return (
    <Stack>
      {header}
      <QueryView query={lot} notFound={{ title: 'Lot not found', to: '/lots', label: 'Back to lots' }}>
        {(found) => <OfferForm initial={draftForLot(emptyOfferDraft(new Date()), found)} />}
      </QueryView>
    </Stack>
  );
}

function OfferForm({ initial }: { initial: OfferDraft }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form: Form = useZodForm(createOfferInput, { defaultValues: initial, prepare: offerInput });
  const [sources, setSources] = useState<Record<string, FieldSource>>({});
  const idempotencyKey = useRef(crypto.randomUUID());
  const create = trpc.tradedesk.offers.create.useMutation();

  const submit = async (input: ReturnType<typeof createOfferInput.parse>) => {
    try {
      const created = await create.mutateAsync({ ...input, idempotencyKey: idempotencyKey.current });
      await queryClient.invalidateQueries({ queryKey: [['tradedesk']] });
      navigate(offerPath(created.id));
    } catch (error) {
      // A lot taken meanwhile (offered, sold) is said under the lot picker, in words.
      if (errorReason(error) === 'LOT_NOT_AVAILABLE') form.setError('lotId', { type: 'server', message: errorMessage(error) });
      else form.showServerError(error);
    }
  };

  /** Where a box's value came from, under it; a guess is flagged for the user to check. */
  const hint = (name: string): ReactNode => {
    const source = sources[name];
    if (!source) return undefined;
    const low = source.confidence < LOW_CONFIDENCE;
    return (
      <Text span size="xs" c={low ? 'orange.8' : 'teal.8'} data-testid={`source-${name}`} data-low-confidence={low || undefined}>
        From the message: “{source.text}”{low ? ' — a guess, please check' : ''}
      </Text>
    );
  };

  return (
    <Stack>
      <PasteMessage
        onRead={(parsed, text) => {
          const next = draftFromParse(form.getValues(), parsed, text, new Date());
          form.reset(next.draft, { keepDefaultValues: true });
          setSources(next.sources);
        }}
      />
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <SchemaForm form={form} onSubmit={submit}>
          <OfferFields form={form} hint={hint} />
          <SubmitRow form={form} loading={create.isPending}>
            Post offer
          </SubmitRow>
        </SchemaForm>
      </Paper>
    </Stack>
  );
}

type ParseResult = RouterOutputs['tradedesk']['parse'];

/** The box a trader pastes a WhatsApp message into; the desk reads it into the form below. */
function PasteMessage({ onRead }: { onRead: (parsed: ParseResult, text: string) => void }) {
  const utils = trpc.useUtils();
  const [text, setText] = useState('');
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ParseResult>();
  const read = async () => {
    setError(undefined);
    if (!text.trim()) {
      setError('Paste a message first.');
      return;
    }
    setReading(true);
    try {
      const parsed = await utils.tradedesk.parse.fetch({ text });
      setResult(parsed);
      onRead(parsed, text);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setReading(false);
    }
  };
  const guesses = result?.fields.filter((field) => field.confidence < LOW_CONFIDENCE).length ?? 0;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <Textarea
          label="Paste a trade message"
          description="As it came on WhatsApp or by phone, e.g. “Sell 100 bales S-6, 29 mm, mic 3.8, 28 gpt, ₹56,500 per candy ex-Rajkot, 15 days”."
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
        />
        <Group>
          <Button variant="light" onClick={read} loading={reading}>
            Read message
          </Button>
        </Group>
        {result && (
          <Alert color={guesses || result.unparsed.length ? 'yellow' : 'teal'} data-testid="parse-summary" role="status">
            <Stack gap={4}>
              <Text size="sm">
                {result.fields.length === 0
                  ? 'Nothing in the message could be read; fill the form yourself.'
                  : `Filled ${result.fields.length} ${result.fields.length === 1 ? 'field' : 'fields'} from the message; each shows the words it came from.`}
                {guesses > 0 && ` ${guesses === 1 ? 'One is a guess' : `${guesses} are guesses`}: check the fields marked in orange.`}
              </Text>
              {result.unparsed.length > 0 && (
                <>
                  <Text size="sm">Not read — add these yourself if they matter:</Text>
                  <List size="sm" data-testid="unparsed">
                    {result.unparsed.map((span) => (
                      <List.Item key={`${span.start}-${span.end}`}>“{span.text}”</List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function OfferFields({ form, hint }: { form: Form; hint: (name: string) => ReactNode }) {
  const commodityCode = form.watch('commodity');
  const stateCode = form.watch('deliveryStateCode');
  const lotId = form.watch('lotId');
  const { commodities, parameters, varieties } = useCommodity(commodityCode);
  const states = useStates();
  const cities = useCityNames(stateCode);
  const deliveryTerms = useTerms('delivery');
  const paymentTerms = useTerms('payment');
  const lots = trpc.tradedesk.lots.list.useQuery({ status: 'available', commodityCode: commodityCode || undefined, limit: 100 });
  // The lot the form started from is 'offered' only once posted; keep it in the list meanwhile.
  const lotOptions = (lots.data?.items ?? []).map((lot) => ({ value: lot.id, label: lotLabel(lot) }));
  if (lotId && !lotOptions.some((option) => option.value === lotId)) lotOptions.unshift({ value: lotId, label: 'The lot you chose' });
  const chosenLot = lots.data?.items.find((lot) => lot.id === lotId);

  return (
    <Stack>
      <Controller
        control={form.control}
        name="side"
        render={({ field }) => (
          <Radio.Group
            label="I want to"
            required
            value={field.value}
            onChange={field.onChange}
            error={form.messageOf('side')}
            description={hint('side')}
          >
            <Group mt={4}>
              <Radio value="sell" label="Sell" />
              <Radio value="buy" label="Buy" />
            </Group>
          </Radio.Group>
        )}
      />
      <Group align="flex-start" wrap="wrap">
        <Controller
          control={form.control}
          name="commodity"
          render={({ field }) => (
            <Select
              label="Commodity"
              required
              data={(commodities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
              value={field.value || null}
              onChange={(value) => {
                // Another commodity has its own varieties and parameters.
                field.onChange(value ?? '');
                form.setValue('variety', '');
                form.setValue('quality', {});
              }}
              error={form.messageOf('commodity')}
              description={hint('commodity')}
              w={220}
              maw="100%"
            />
          )}
        />
        <SelectField
          form={form}
          name="variety"
          label="Variety"
          placeholder="Any variety"
          clearable
          searchable
          data={varieties.map((v) => ({ value: v.code, label: v.name }))}
          description={hint('variety')}
          w={220}
          maw="100%"
        />
        <Controller
          control={form.control}
          name="lotId"
          render={({ field }) => (
            <Select
              label="From my lot"
              placeholder={lotOptions.length ? 'No lot' : 'No available lot'}
              clearable
              data={lotOptions}
              value={field.value || null}
              onChange={(value) => {
                const lot = lots.data?.items.find((l) => l.id === value);
                // A lot brings its bales, variety and place; its test results go with the offer.
                if (lot) form.reset(draftForLot(form.getValues(), lot), { keepDefaultValues: true });
                else field.onChange(value ?? '');
              }}
              error={form.messageOf('lotId')}
              description={
                chosenLot ? `Tested: ${keyResults(chosenLot.quality.values) || 'no results'}` : 'Optional: a tested lot of yours.'
              }
              w={300}
              maw="100%"
            />
          )}
        />
      </Group>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label="Quantity"
          required
          inputMode="decimal"
          {...form.register('quantity')}
          error={form.messageOf('quantity')}
          description={hint('quantity')}
          w={160}
        />
        <SelectField form={form} name="unit" label="Unit" data={UNIT_OPTIONS} description={hint('unit')} w={140} allowDeselect={false} />
        <TextInput
          label="Price"
          required
          inputMode="decimal"
          {...form.register('price')}
          error={form.messageOf('price')}
          description={hint('price')}
          w={160}
        />
        <SelectField
          form={form}
          name="priceUnit"
          label="Price per"
          data={PRICE_UNIT_OPTIONS}
          description={hint('priceUnit')}
          w={160}
          allowDeselect={false}
        />
        <TextInput
          label="Currency"
          {...form.register('currency')}
          error={form.messageOf('currency')}
          description={hint('currency')}
          w={100}
        />
      </Group>
      <QualityRangeFields form={form} parameters={parameters} hint={(code) => hint(`quality.${code}`)} />
      <Group align="flex-start" wrap="wrap">
        <SelectField
          form={form}
          name="deliveryStateCode"
          label="Delivery state"
          placeholder="Any"
          clearable
          searchable
          data={states}
          description={hint('deliveryStateCode')}
          w={220}
          maw="100%"
        />
        <Controller
          control={form.control}
          name="deliveryCity"
          render={({ field }) => (
            <Autocomplete
              label="Delivery city"
              data={cities}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={form.messageOf('deliveryCity')}
              description={hint('deliveryCity')}
              w={200}
              maw="100%"
            />
          )}
        />
        <SelectField
          form={form}
          name="deliveryTerm"
          label="Delivery term"
          placeholder="None"
          clearable
          data={deliveryTerms.map((term) => ({ value: term.code, label: term.name }))}
          description={hint('deliveryTerm')}
          w={200}
          maw="100%"
        />
      </Group>
      <Group align="flex-start" wrap="wrap">
        <TextInput type="date" label="Delivery from" {...form.register('deliveryFrom')} error={form.messageOf('deliveryFrom')} w={180} />
        <TextInput type="date" label="Delivery to" {...form.register('deliveryTo')} error={form.messageOf('deliveryTo')} w={180} />
        <Controller
          control={form.control}
          name="paymentTerm"
          render={({ field }) => (
            <Select
              label="Payment term"
              placeholder="None"
              clearable
              data={paymentTerms.map((term) => ({ value: term.code, label: term.name }))}
              value={field.value || null}
              onChange={(value) => {
                field.onChange(value ?? '');
                // A term with its days ("15 days") fills the days box.
                const days = paymentTerms.find((term) => term.code === value)?.paymentDays;
                if (days !== null && days !== undefined) form.setValue('paymentDays', String(days));
              }}
              error={form.messageOf('paymentTerm')}
              w={200}
              maw="100%"
            />
          )}
        />
        <TextInput
          label="Payment days"
          inputMode="numeric"
          {...form.register('paymentDays')}
          error={form.messageOf('paymentDays')}
          description={hint('paymentDays')}
          w={140}
        />
      </Group>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          type="datetime-local"
          label="Valid until"
          required
          {...form.register('validUntil')}
          error={form.messageOf('validUntil')}
          description={hint('validUntil') ?? 'Your local time; the offer expires then.'}
          w={240}
          maw="100%"
        />
        <Controller
          control={form.control}
          name="visibility"
          render={({ field }) => (
            <Radio.Group label="Who sees it" value={field.value} onChange={field.onChange} error={form.messageOf('visibility')}>
              <Group mt={4}>
                {OFFER_VISIBILITIES.map((visibility) => (
                  <Radio key={visibility} value={visibility} label={OFFER_VISIBILITY_LABELS[visibility]} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
      </Group>
      <Textarea
        label="Notes"
        description="Only your company sees them."
        autosize
        minRows={2}
        {...form.register('notes')}
        error={form.messageOf('notes')}
      />
    </Stack>
  );
}

const lotLabel = (lot: Lot) => `${lot.number} · ${lot.varietyName ?? lot.commodityName} · ${lot.bales} bales · ${lot.city}`;
