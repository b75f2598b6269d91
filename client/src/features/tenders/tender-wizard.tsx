import { ActionIcon, Box, Button, Group, Paper, Select, SimpleGrid, Stack, Stepper, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import {
  type BuyerTender,
  type CreateTenderInput,
  createTenderInput,
  describePaymentTerms,
  formatMoney,
  formatQuantity,
  TENDER_CRITERION_LABELS,
} from '@tradeloom/shared';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, type FieldPath, useFieldArray } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { FileAttachments } from '../../components/file-attachments.tsx';
import { FieldMessage, SchemaForm } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { errorMessage, errorReason, serverFieldErrors } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';
import { useOrderProducts } from '../orders/order-draft-fields.tsx';
import { PaymentTermsFields } from '../orders/order-terms-fields.tsx';
import { type Candidate, SupplierPicker } from './supplier-picker.tsx';
import {
  criteriaTotal,
  type DraftItem,
  draftFromTender,
  emptyItem,
  emptyTenderDraft,
  type TenderDraft,
  tenderInput,
} from './tender-draft.ts';
import { fromLocalInput } from './tender-status.tsx';

type Output = CreateTenderInput;
type Form = ZodForm<TenderDraft, Output>;

const STEPS = ['Details', 'Items', 'Suppliers', 'Criteria', 'Review'] as const;
const SUPPLIERS_STEP = 2;
/** The fields each step draws, checked before moving on and used to send a server error to its step. */
const STEP_FIELDS: FieldPath<TenderDraft>[][] = [
  ['title', 'currency', 'closesAt', 'deliveryPlace', 'deliveryDate', 'paymentTerms', 'notes', 'attachmentFileIds'],
  ['items'],
  [],
  ['criteria'],
  [],
];

/** The step that draws a field path (`items.2.quantity` → Items); Details for anything else. */
function stepOf(path: string): number {
  const head = path.split('.')[0] ?? '';
  const found = STEP_FIELDS.findIndex((fields) => fields.includes(head as FieldPath<TenderDraft>));
  return found === -1 ? 0 : found;
}

interface AttachedFile {
  fileId: string;
  filename: string;
  sizeBytes: number;
}

/**
 * The new-tender wizard, and the same wizard on a draft (`tender`). Every step stays mounted
 * (only the active one shown) so a server error on any field lands on its input, and the wizard
 * opens the step that holds it. Saving creates (or updates) the draft, invites the suppliers
 * picked since, and on "Publish" opens it for quotes; a failure half-way keeps what was saved, so
 * the next try updates the same draft rather than creating another.
 */
export function TenderWizard({ tender }: { tender?: BuyerTender }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const narrow = useMediaQuery('(max-width: 48em)');
  const [active, setActive] = useState(0);
  const top = useRef<HTMLDivElement>(null);
  // A new step starts at its top, not where the last one's buttons were.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each step change
  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  const form = useZodForm(createTenderInput, {
    defaultValues: tender ? draftFromTender(tender) : emptyTenderDraft(),
    prepare: (draft: TenderDraft) => tenderInput(draft),
  });
  const [files, setFiles] = useState<AttachedFile[]>(
    () => tender?.attachments.map((file) => ({ fileId: file.fileId, filename: file.name, sizeBytes: file.size })) ?? [],
  );
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const [supplierError, setSupplierError] = useState<string>();
  // What is on the server already: the draft (to update rather than create again) and its invitees.
  const saved = useRef(tender ? { id: tender.id, version: tender.version } : null);
  const invited = useRef(new Set(tender?.invitees.map((invitee) => invitee.supplierId) ?? []));
  const idempotencyKey = useRef(crypto.randomUUID());
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);

  const create = trpc.sourcing.tenders.create.useMutation();
  const update = trpc.sourcing.tenders.update.useMutation();
  const invite = trpc.sourcing.tenders.invite.useMutation();
  const publish = trpc.sourcing.tenders.publish.useMutation();

  const setFileIds = (next: AttachedFile[]) => {
    setFiles(next);
    form.setValue(
      'attachmentFileIds',
      next.map((file) => file.fileId),
      { shouldDirty: true },
    );
  };

  const next = async () => {
    const fields = STEP_FIELDS[active] ?? [];
    if (fields.length && !(await form.trigger(fields))) return;
    setActive((step) => Math.min(step + 1, STEPS.length - 1));
  };

  /** A refusal from the server on the step it is about: fields on their inputs, the rest beside the buttons. */
  const showError = (error: unknown, during: 'save' | 'invite' | 'publish') => {
    const fields = Object.keys(serverFieldErrors(error));
    const reason = errorReason(error);
    if (during === 'invite' || reason === 'NO_INVITEES' || fields.includes('supplierIds')) {
      setSupplierError(errorMessage(error));
      setActive(SUPPLIERS_STEP);
      return;
    }
    if (reason === 'DEADLINE_PASSED' || reason === 'DEADLINE_NOT_LATER') {
      form.setError('closesAt', { type: 'server', message: errorMessage(error) });
      setActive(0);
      return;
    }
    form.showServerError(error);
    const first = fields[0];
    if (first) setActive(stepOf(first));
  };

  const save = async (input: Output, andPublish: boolean) => {
    setSupplierError(undefined);
    const toInvite = chosen.filter((c) => !invited.current.has(c.companyId)).map((c) => c.companyId);
    if (andPublish && invited.current.size + toInvite.length === 0) {
      setSupplierError('Choose at least one supplier to publish the tender to; or save it as a draft.');
      setActive(SUPPLIERS_STEP);
      return;
    }
    setBusy(andPublish ? 'publish' : 'draft');
    let during: 'save' | 'invite' | 'publish' = 'save';
    try {
      const current = saved.current;
      const result = current
        ? await update.mutateAsync({ ...input, tenderId: current.id, version: current.version })
        : await create.mutateAsync({ ...input, idempotencyKey: idempotencyKey.current });
      saved.current = { id: result.id, version: result.version };
      if (toInvite.length) {
        during = 'invite';
        const changed = await invite.mutateAsync({ tenderId: result.id, supplierIds: toInvite });
        for (const id of toInvite) invited.current.add(id);
        saved.current = { id: result.id, version: changed.version };
      }
      if (andPublish) {
        during = 'publish';
        await publish.mutateAsync({ tenderId: result.id });
      }
      await queryClient.invalidateQueries({ queryKey: [['sourcing']] });
      navigate(`/tenders/${result.id}`);
    } catch (error) {
      showError(error, during);
    } finally {
      setBusy(null);
    }
  };

  const submitWith = (andPublish: boolean) =>
    form.handleSubmit(
      (input) => save(input, andPublish),
      (errors) => {
        const first = Object.keys(errors).find((key) => key !== 'root') ?? '';
        if (first) setActive(stepOf(first));
      },
    );

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} ref={top} style={{ scrollMarginTop: 72 }}>
      <Stepper
        active={active}
        onStepClick={setActive}
        size={narrow ? 'xs' : 'sm'}
        wrap
        mb="lg"
        styles={narrow ? { stepBody: { display: 'none' }, separator: { marginInline: 4 } } : undefined}
      >
        {STEPS.map((label, index) => (
          <Stepper.Step key={label} label={label} aria-label={`Step ${index + 1}: ${label}`} />
        ))}
      </Stepper>
      {narrow && (
        <Title order={4} mb="sm">
          Step {active + 1} of {STEPS.length}: {STEPS[active]}
        </Title>
      )}
      <SchemaForm form={form} onSubmit={(input) => save(input, false)}>
        <Box display={active === 0 ? undefined : 'none'}>
          <DetailsStep form={form} files={files} onFiles={setFileIds} />
        </Box>
        <Box display={active === 1 ? undefined : 'none'}>
          <ItemsStep form={form} />
        </Box>
        <Box display={active === 2 ? undefined : 'none'}>
          <SupplierPicker chosen={chosen} onChange={setChosen} locked={[...invited.current]} error={supplierError} />
        </Box>
        <Box display={active === 3 ? undefined : 'none'}>
          <CriteriaStep form={form} />
        </Box>
        {active === 4 && (
          <Review
            form={form}
            files={files}
            suppliers={[...(tender?.invitees.map((i) => i.supplierName) ?? []), ...chosen.map((c) => c.name)]}
          />
        )}
        <Group justify="space-between" wrap="wrap">
          <Button variant="default" onClick={() => setActive((step) => Math.max(step - 1, 0))} disabled={active === 0}>
            Back
          </Button>
          <Group wrap="wrap" justify="flex-end">
            <RootMessage form={form} />
            {active < STEPS.length - 1 ? (
              <Button onClick={next}>Next</Button>
            ) : (
              <>
                <Button variant="default" loading={busy === 'draft'} disabled={busy !== null} onClick={submitWith(false)}>
                  Save draft
                </Button>
                <Button loading={busy === 'publish'} disabled={busy !== null} onClick={submitWith(true)}>
                  Publish
                </Button>
              </>
            )}
          </Group>
        </Group>
      </SchemaForm>
    </Paper>
  );
}

/** A failure that names no field, beside the buttons that caused it. */
function RootMessage({ form }: { form: Form }) {
  const message = form.formState.errors.root?.server?.message;
  if (!message) return null;
  return (
    <Text c="red" size="sm" role="alert" style={{ flex: '1 1 200px' }}>
      {message}
    </Text>
  );
}

function DetailsStep({ form, files, onFiles }: { form: Form; files: AttachedFile[]; onFiles: (files: AttachedFile[]) => void }) {
  return (
    <Stack>
      <TextInput
        label="Title"
        placeholder="Cotton bales for the winter season"
        required
        {...form.register('title')}
        error={form.messageOf('title')}
      />
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label="Currency"
          description="Suppliers quote in it."
          {...form.register('currency')}
          error={form.messageOf('currency')}
          w={120}
        />
        <TextInput
          type="datetime-local"
          label="Quotes close at"
          description="Your local time; quotes are sealed until then."
          required
          {...form.register('closesAt')}
          error={form.messageOf('closesAt')}
          w={240}
          maw="100%"
        />
      </Group>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label="Delivery place"
          placeholder="Our Tiruppur warehouse"
          {...form.register('deliveryPlace')}
          error={form.messageOf('deliveryPlace')}
          w={300}
          maw="100%"
        />
        <TextInput type="date" label="Delivery by" {...form.register('deliveryDate')} error={form.messageOf('deliveryDate')} w={200} />
        <PaymentTermsFields form={form} description="What you offer to pay on; suppliers may quote others." />
      </Group>
      <Textarea label="Notes to suppliers" autosize minRows={2} {...form.register('notes')} error={form.messageOf('notes')} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Attachments
        </Text>
        <Text size="xs" c="dimmed">
          Specifications, drawings or sample reports every invited supplier can open.
        </Text>
        <FileAttachments
          query={{
            data: files.map((file) => ({ ...file, removable: true })),
            error: null,
            isPending: false,
            refetch: () => undefined,
          }}
          canAttach
          attach={async (fileId, uploaded) => onFiles([...files, { fileId, filename: uploaded.filename, sizeBytes: uploaded.sizeBytes }])}
          remove={(fileId) => onFiles(files.filter((file) => file.fileId !== fileId))}
          label="Add a PDF, PNG or JPEG"
        />
        <FieldMessage message={form.messageOf('attachmentFileIds')} />
      </Stack>
    </Stack>
  );
}

/** The products a line can be picked from: the active catalog of one linked supplier. */
function ItemsStep({ form }: { form: Form }) {
  const items = useFieldArray({ control: form.control, name: 'items' });
  const [catalogOf, setCatalogOf] = useState<string | null>(null);
  // The newest 100 linked partners: enough for a picker until it searches on the server.
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const suppliers = (partners.data?.items ?? []).filter((link) => link.partnerRole === 'supplier');
  const products = useOrderProducts('purchase', catalogOf);
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const units = useMemo(() => masters.data?.units.map((u) => u.code), [masters.data]);
  const listError = form.formState.errors.items;
  return (
    <Stack>
      <Select
        label="Pick products from the catalog of"
        description="Optional: an item can be free text, or a product one of your linked suppliers lists."
        placeholder={suppliers.length ? 'Choose a linked supplier' : 'No linked supplier yet'}
        data={suppliers.map((link) => ({ value: link.partnerId, label: link.partnerName }))}
        value={catalogOf}
        onChange={setCatalogOf}
        clearable
        searchable
        w={360}
        maw="100%"
      />
      {items.fields.map((item, index) => (
        <ItemCard
          key={item.id}
          form={form}
          index={index}
          products={products}
          units={units}
          onRemove={items.fields.length > 1 ? () => items.remove(index) : undefined}
        />
      ))}
      <FieldMessage message={listError?.message ?? listError?.root?.message} />
      <Group>
        <Button variant="light" onClick={() => items.append(emptyItem())}>
          Add item
        </Button>
      </Group>
    </Stack>
  );
}

type Product = ReturnType<typeof useOrderProducts>[number];

function ItemCard({
  form,
  index,
  products,
  units,
  onRemove,
}: {
  form: Form;
  index: number;
  products: Product[];
  units: string[] | undefined;
  onRemove?: () => void;
}) {
  const n = index + 1;
  const specs = useFieldArray({ control: form.control, name: `items.${index}.specification` });
  const productId = form.watch(`items.${index}.productId`);
  // A product picked from a catalog another supplier's choice no longer lists stays as it was saved.
  const productOptions = products.map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }));
  if (productId && !productOptions.some((o) => o.value === productId)) {
    productOptions.unshift({ value: productId, label: form.getValues(`items.${index}.description`) || 'Catalog product' });
  }
  const pickProduct = (id: string | null) => {
    const product = products.find((p) => p.id === id);
    const patch: Partial<DraftItem> = product
      ? { productId: product.id, description: product.name, unit: product.unit, hsnCode: product.hsnCode ?? '' }
      : { productId: '' };
    for (const [key, value] of Object.entries(patch))
      form.setValue(`items.${index}.${key as 'productId' | 'description' | 'unit' | 'hsnCode'}`, value as string, { shouldDirty: true });
  };
  const field = (key: 'quantity' | 'targetPrice' | 'hsnCode', label: string, description?: string) => (
    <TextInput
      label={label}
      aria-label={`${label} of item ${n}`}
      description={description}
      inputMode={key === 'hsnCode' ? 'numeric' : 'decimal'}
      {...form.register(`items.${index}.${key}`)}
      error={form.messageOf(`items.${index}.${key}`)}
    />
  );
  return (
    <Paper withBorder p="sm" data-testid={`item-${n}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>Item {n}</Text>
          {onRemove && (
            <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
              Remove item {n}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {productOptions.length > 0 && (
            <Controller
              control={form.control}
              name={`items.${index}.productId`}
              render={({ field: product }) => (
                <Select
                  label="Catalog product"
                  aria-label={`Product of item ${n}`}
                  placeholder="Free text item"
                  clearable
                  searchable
                  data={productOptions}
                  value={product.value || null}
                  onChange={pickProduct}
                  error={form.messageOf(`items.${index}.productId`)}
                />
              )}
            />
          )}
          <TextInput
            label="Description"
            aria-label={`Description of item ${n}`}
            placeholder="Raw cotton, Shankar-6"
            {...form.register(`items.${index}.description`)}
            error={form.messageOf(`items.${index}.description`)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {field('quantity', 'Quantity')}
          <SelectField
            form={form}
            name={`items.${index}.unit`}
            label="Unit"
            aria-label={`Unit of item ${n}`}
            data={units ?? [form.getValues(`items.${index}.unit`)]}
            searchable
            allowDeselect={false}
          />
          {field('targetPrice', 'Target price', 'Per unit; optional')}
          {field('hsnCode', 'HSN code', 'Optional')}
        </SimpleGrid>
        <Text size="sm" fw={500}>
          Quality specification
        </Text>
        {specs.fields.length === 0 && (
          <Text size="xs" c="dimmed">
            None yet: add parameters such as Staple length 29 mm or Micronaire 3.8–4.2.
          </Text>
        )}
        {specs.fields.map((spec, specIndex) => (
          <Group key={spec.id} align="flex-start" wrap="nowrap" gap="xs">
            <TextInput
              aria-label={`Name of parameter ${specIndex + 1}, item ${n}`}
              placeholder="Staple length"
              {...form.register(`items.${index}.specification.${specIndex}.name`)}
              error={form.messageOf(`items.${index}.specification.${specIndex}.name`)}
              style={{ flex: 1, minWidth: 0 }}
            />
            <TextInput
              aria-label={`Value of parameter ${specIndex + 1}, item ${n}`}
              placeholder="29 mm"
              {...form.register(`items.${index}.specification.${specIndex}.value`)}
              error={form.messageOf(`items.${index}.specification.${specIndex}.value`)}
              style={{ flex: 1, minWidth: 0 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={6}
              aria-label={`Remove parameter ${specIndex + 1} of item ${n}`}
              onClick={() => specs.remove(specIndex)}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button size="xs" variant="subtle" onClick={() => specs.append({ name: '', value: '' })}>
            Add quality parameter
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Optional weights for comparing quotes; when any is given they must add up to 100. */
function CriteriaStep({ form }: { form: Form }) {
  const criteria = useFieldArray({ control: form.control, name: 'criteria' });
  const total = criteriaTotal(form.watch('criteria'));
  const listError = form.formState.errors.criteria;
  const used = form.watch('criteria').some((c) => c.weight.trim() !== '');
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Optional. Give weights (whole numbers) to score the quotes when you compare them; leave all empty to compare on price alone.
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {criteria.fields.map((row, index) => (
          <TextInput
            key={row.id}
            label={TENDER_CRITERION_LABELS[row.criterion]}
            inputMode="numeric"
            rightSection={<Text size="xs">%</Text>}
            {...form.register(`criteria.${index}.weight`)}
            error={form.messageOf(`criteria.${index}.weight`)}
          />
        ))}
      </SimpleGrid>
      <Text size="sm" fw={600} c={used && total !== 100 ? 'orange.8' : undefined} data-testid="criteria-total">
        {Number.isNaN(total)
          ? 'Total: — (weights are whole numbers)'
          : used
            ? `Total: ${total} of 100${total === 100 ? '' : ` — ${total < 100 ? `${100 - total} to go` : `${total - 100} too many`}`}`
            : 'No criteria: quotes are compared on price.'}
      </Text>
      <FieldMessage message={listError?.message ?? listError?.root?.message} />
    </Stack>
  );
}

/** Everything the tender will say, before it is saved or published. */
function Review({ form, files, suppliers }: { form: Form; files: AttachedFile[]; suppliers: string[] }) {
  const draft = form.getValues();
  const input = tenderInput(draft);
  const closesAt = fromLocalInput(draft.closesAt);
  const row = (label: string, value: string) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack gap="sm" data-testid="tender-review">
      <Title order={4}>{draft.title || 'Untitled tender'}</Title>
      {row('Quotes close', draft.closesAt ? formatDateTime(closesAt) : '—')}
      {row('Currency', draft.currency)}
      {row(
        'Delivery',
        [draft.deliveryPlace, draft.deliveryDate && `by ${formatDate(draft.deliveryDate)}`].filter(Boolean).join(' ') || '—',
      )}
      {row('Payment terms', describePaymentTerms(input.paymentTerms ?? null))}
      {row('Attachments', files.length ? files.map((f) => f.filename).join(', ') : 'None')}
      {row('Suppliers', suppliers.length ? suppliers.join(', ') : 'None yet: publishing needs at least one')}
      {row(
        'Criteria',
        input.criteria.length
          ? input.criteria.map((c) => `${TENDER_CRITERION_LABELS[c.criterion]} ${c.weight}%`).join(', ')
          : 'Price alone',
      )}
      <Text size="sm" fw={600}>
        Items
      </Text>
      {draft.items.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the review is redrawn whole from the form
        <Text size="sm" key={index} style={{ overflowWrap: 'anywhere' }}>
          {index + 1}. {item.description || '—'} · {DECIMAL.test(item.quantity) ? formatQuantity(item.quantity, item.unit) : '—'}
          {DECIMAL.test(item.targetPrice) ? ` · target ${safeMoney(item.targetPrice, draft.currency)}` : ''}
          {item.specification.length
            ? ` · ${item.specification
                .filter((s) => s.name)
                .map((s) => `${s.name} ${s.value}`)
                .join(', ')}`
            : ''}
        </Text>
      ))}
      <Text size="xs" c="dimmed">
        "Save draft" keeps it for your company only. "Publish" sends it to the suppliers; their quotes stay sealed until it closes.
      </Text>
    </Stack>
  );
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** A target price as money; a currency code still being typed shows the bare number. */
function safeMoney(amount: string, currency: string): string {
  try {
    return formatMoney(amount, currency, { maxFractionDigits: 4 });
  } catch {
    return `${amount} ${currency}`;
  }
}
