import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney, formatQuantity, PAYMENT_TERMS, PAYMENT_TERMS_LABELS, rupeesInWords, type SupplierTender } from '@tradeloom/shared';
import { useRef, useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { FileAttachments } from '../../components/file-attachments.tsx';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';
import {
  editorInput,
  editorPath,
  offerFor,
  type QuoteDraft,
  type QuoteEditorValues,
  quoteEditorSchema,
  quoteInput,
  quoteTotal,
} from './quote-draft.ts';

type Tender = SupplierTender;
type Item = Tender['items'][number];

const TERM_OPTIONS = PAYMENT_TERMS.map((kind) => ({ value: kind, label: PAYMENT_TERMS_LABELS[kind] }));
// The currencies traders here quote in; the tender's own is always offered.
const COMMON_CURRENCIES = ['INR', 'USD', 'EUR', 'GBP', 'AED', 'CNY', 'BDT', 'JPY'];

/**
 * The supplier's quote: a private draft it may save as often as it likes, then submit as a new
 * revision. Only the offers it priced are sent; an item left unpriced is not quoted.
 */
export function QuoteEditor({
  tender,
  prefill,
  draftVersion,
  revising,
  onSubmitted,
  onCancel,
}: {
  tender: Tender;
  prefill: QuoteDraft;
  /** The saved draft's version, so a stale editor cannot overwrite a newer draft. */
  draftVersion: number | undefined;
  /** The revision being replaced, when revising a submitted quote. */
  revising: number | null;
  onSubmitted: () => void;
  onCancel?: () => void;
}) {
  const utils = trpc.useUtils();
  const can = useCan();
  const form = useZodForm(quoteEditorSchema, { defaultValues: prefill, prepare: (values: QuoteDraft) => editorInput(tender.id, values) });
  const [version, setVersion] = useState(draftVersion);
  // One key per attempt: a double click or a retry after a lost answer submits once.
  const attemptKey = useRef(crypto.randomUUID());
  const sent = useRef<number[]>([]);
  // One list for every item's offers, in item order: its index is the path the server names.
  const lines = useFieldArray({ control: form.control, name: 'lines' });
  const refresh = () =>
    Promise.all([utils.sourcing.tenders.get.invalidate({ tenderId: tender.id }), utils.sourcing.invitations.list.invalidate()]);
  const showError = (error: unknown) => form.showServerErrorAt(error, editorPath(sent.current));
  const saveDraft = trpc.sourcing.quotes.saveDraft.useMutation({
    onSuccess: (saved) => {
      setVersion(saved.version);
      notifications.show({ color: 'teal', message: 'Draft saved. Only your company sees it.' });
      void refresh();
    },
    onError: showError,
  });
  const submit = trpc.sourcing.quotes.submit.useMutation({
    onSuccess: () => {
      attemptKey.current = crypto.randomUUID();
      onSubmitted();
      void refresh();
    },
    onError: showError,
  });
  const discard = trpc.sourcing.quotes.discardDraft.useMutation({
    onSuccess: () => {
      void refresh();
      onCancel?.();
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const onSave = (values: QuoteEditorValues) => {
    const { input, rowOf } = quoteInput(values);
    sent.current = rowOf;
    saveDraft.mutate({ ...input, version });
  };
  const onSubmit = (values: QuoteEditorValues) => {
    if (submit.isPending) return;
    const { input, rowOf } = quoteInput(values);
    sent.current = rowOf;
    submit.mutate({ ...input, idempotencyKey: attemptKey.current });
  };
  return (
    <Paper withBorder p="lg" data-testid="quote-editor">
      <Title order={4} mb="xs">
        {revising ? `Revise your quote (revision ${revising} stays active until you submit)` : 'Your quote'}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Price the items you can supply; leave a price empty to skip an item. The buyer sees no price until the request closes.
      </Text>
      <SchemaForm form={form} onSubmit={onSubmit}>
        {tender.items.map((item) => (
          <ItemOffers
            key={item.id}
            form={form}
            item={item}
            rows={lines.fields.map((field, index) => ({ field, index })).filter(({ field }) => field.itemId === item.id)}
            insert={lines.insert}
            remove={lines.remove}
          />
        ))}
        <ListMessage form={form} />
        <QuoteTermsFields form={form} tender={tender} canAttach={can('files:write')} />
        <RunningTotal form={form} />
        <SubmitRow
          form={form}
          loading={submit.isPending}
          extra={
            <>
              {onCancel && (
                <Button variant="subtle" onClick={onCancel}>
                  Cancel
                </Button>
              )}
              {version !== undefined && (
                <Button variant="subtle" color="red" loading={discard.isPending} onClick={() => discard.mutate({ tenderId: tender.id })}>
                  Discard draft
                </Button>
              )}
              <Button variant="default" loading={saveDraft.isPending} onClick={form.handleSubmit(onSave)}>
                Save draft
              </Button>
            </>
          }
        >
          {revising ? 'Submit revision' : 'Submit quote'}
        </SubmitRow>
      </SchemaForm>
    </Paper>
  );
}

function ListMessage({ form }: { form: ZodForm<QuoteDraft, QuoteEditorValues> }) {
  const error = form.formState.errors.lines;
  return <FieldMessage message={error?.message ?? error?.root?.message} />;
}

/** One item of the tender with the offers for it: as asked, then any alternatives. */
function ItemOffers({
  form,
  item,
  rows,
  insert,
  remove,
}: {
  form: ZodForm<QuoteDraft, QuoteEditorValues>;
  item: Item;
  /** This item's offers and their places in the whole list. */
  rows: { field: { id: string; alternativeNo: number }; index: number }[];
  insert: (index: number, line: QuoteDraft['lines'][number]) => void;
  remove: (index: number) => void;
}) {
  const addAlternative = () => {
    const used = rows.map(({ field }) => field.alternativeNo);
    const next = Math.max(0, ...used) + 1;
    if (next > 9) return;
    // Right after this item's last offer, so the server's line order follows the items.
    const last = rows.at(-1)?.index ?? 0;
    insert(last + 1, offerFor(item, next));
  };
  return (
    <Paper withBorder p="md" data-testid={`quote-item-${item.lineNo}`}>
      <Stack gap="sm">
        <div>
          <Text fw={600}>
            {item.lineNo}. {item.description}
          </Text>
          <Text size="sm" c="dimmed">
            {formatQuantity(item.quantity, item.unit)} asked
            {item.specification.length > 0 && ` · ${item.specification.map((spec) => `${spec.name} ${spec.value}`).join(', ')}`}
          </Text>
        </div>
        {rows.map(({ field, index }) => (
          <OfferFields
            key={field.id}
            form={form}
            index={index}
            item={item}
            alternativeNo={field.alternativeNo}
            onRemove={field.alternativeNo ? () => remove(index) : undefined}
          />
        ))}
        {rows.length < 10 && (
          <Button variant="subtle" size="xs" w="fit-content" onClick={addAlternative}>
            Add alternative for item {item.lineNo}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function OfferFields({
  form,
  index,
  item,
  alternativeNo,
  onRemove,
}: {
  form: ZodForm<QuoteDraft, QuoteEditorValues>;
  index: number;
  item: Item;
  alternativeNo: number;
  onRemove?: () => void;
}) {
  // Unique names for screen readers and tests: "Unit price of item 1", "… of item 1 alternative 2".
  const of = `of item ${item.lineNo}${alternativeNo ? ` alternative ${alternativeNo}` : ''}`;
  const input = (key: 'unitPrice' | 'quantity' | 'unit' | 'freightPerUnit' | 'hsnCode' | 'taxRate', label: string, decimal = true) => (
    <TextInput
      label={label}
      aria-label={`${label} ${of}`}
      inputMode={decimal ? 'decimal' : undefined}
      {...form.register(`lines.${index}.${key}`)}
      error={form.messageOf(`lines.${index}.${key}`)}
    />
  );
  return (
    <Stack
      gap="xs"
      pl={alternativeNo ? 'md' : 0}
      style={alternativeNo ? { borderLeft: '3px solid var(--mantine-color-gray-3)' } : undefined}
    >
      {alternativeNo > 0 && (
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <TextInput
            label={`Alternative ${alternativeNo}: what differs`}
            aria-label={`Description ${of}`}
            {...form.register(`lines.${index}.description`)}
            error={form.messageOf(`lines.${index}.description`)}
            style={{ flex: 1 }}
          />
          {onRemove && (
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={onRemove}
              aria-label={`Remove alternative ${alternativeNo} of item ${item.lineNo}`}
            >
              Remove
            </Button>
          )}
        </Group>
      )}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
        {input('unitPrice', 'Unit price')}
        {input('quantity', 'Quantity offered')}
        {input('unit', 'Unit', false)}
        {input('freightPerUnit', 'Freight per unit')}
        {input('hsnCode', 'HSN code')}
        {input('taxRate', 'GST %')}
      </SimpleGrid>
      <TextInput
        label="Notes"
        aria-label={`Notes ${of}`}
        {...form.register(`lines.${index}.notes`)}
        error={form.messageOf(`lines.${index}.notes`)}
      />
    </Stack>
  );
}

/** The quote's own terms: currency, lead time, validity, payment, notes and files. */
function QuoteTermsFields({
  form,
  tender,
  canAttach,
}: {
  form: ZodForm<QuoteDraft, QuoteEditorValues>;
  tender: Tender;
  canAttach: boolean;
}) {
  const net = form.watch('paymentTerms.kind') === 'net';
  const attachments = useFieldArray({ control: form.control, name: 'attachments', keyName: 'key' });
  const currencies = [...new Set([tender.currency, ...COMMON_CURRENCIES])];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <SelectField form={form} name="currency" label="Currency" data={currencies} allowDeselect={false} searchable />
        <TextInput label="Lead time (days)" inputMode="numeric" {...form.register('leadTimeDays')} error={form.messageOf('leadTimeDays')} />
        <TextInput type="date" label="Valid until" {...form.register('validUntil')} error={form.messageOf('validUntil')} />
        <SelectField
          form={form}
          name="paymentTerms.kind"
          label="Payment terms"
          placeholder="As the buyer asks"
          data={TERM_OPTIONS}
          clearable
        />
        {net && (
          <TextInput
            label="Credit days"
            inputMode="numeric"
            {...form.register('paymentTerms.days')}
            error={form.messageOf('paymentTerms.days')}
          />
        )}
      </SimpleGrid>
      <Textarea label="Notes to the buyer" autosize minRows={2} {...form.register('notes')} error={form.messageOf('notes')} />
      <FileAttachments
        query={{
          data: attachments.fields.map((file, index) => ({
            fileId: file.fileId,
            filename: file.name,
            sizeBytes: file.size,
            removable: true,
            index,
          })),
          error: null,
          isPending: false,
          refetch: () => undefined,
        }}
        canAttach={canAttach}
        attach={async (fileId, file) => attachments.append({ fileId, name: file.filename, size: file.sizeBytes })}
        remove={(fileId) => attachments.remove(attachments.fields.findIndex((file) => file.fileId === fileId))}
        label="Attach a spec sheet, test report or price list (PDF, PNG, JPEG)"
      />
      <FieldMessage message={form.messageOf('attachments')} />
    </Stack>
  );
}

/** The total of the offers as asked, as figures and (for rupees) in words, as it would stand on an invoice. */
function RunningTotal({ form }: { form: ZodForm<QuoteDraft, QuoteEditorValues> }) {
  const total = quoteTotal(form.watch('lines'));
  const currency = form.watch('currency') || 'INR';
  if (!total) return <Text size="sm">Total: check the numbers above.</Text>;
  return (
    <Paper bg="gray.0" p="sm" data-testid="quote-total">
      <Text size="sm">
        Before GST {formatMoney(total.beforeTax, currency)} + GST {formatMoney(total.tax, currency)}
      </Text>
      <Text fw={700}>Total {formatMoney(total.total, currency)}</Text>
      {currency === 'INR' && Number(total.total) > 0 && (
        <Text size="sm" c="dimmed">
          {rupeesInWords(total.total)}
        </Text>
      )}
    </Paper>
  );
}
