import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { conversionsInput, type TenderComparison } from '@tradeloom/shared';
import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trimZeros } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

// The rates a buyer enters so foreign-currency and other-unit quotes compare with the rest: no rate
// is fetched from anywhere. The missing ones are said in words, with who needs them.

type Missing = TenderComparison['missingConversions'][number];

/** "Coimbatore Spinning quoted in USD: enter the USD → INR rate to compare." */
export function missingSentence(comparison: TenderComparison, missing: Missing): string {
  const names = (quoteIds: Set<string>) =>
    comparison.suppliers
      .filter((supplier) => quoteIds.has(supplier.quoteId))
      .map((supplier) => supplier.supplierName)
      .join(', ') || 'A supplier';
  if (missing.kind === 'currency') {
    const who = names(new Set(comparison.suppliers.filter((supplier) => supplier.currency === missing.from).map((s) => s.quoteId)));
    return `${who} quoted in ${missing.from}: enter the ${missing.from} → ${missing.to} rate to compare.`;
  }
  const who = names(new Set(comparison.cells.filter((cell) => cell.quotedUnit === missing.from).map((cell) => cell.quoteId)));
  return `${who} quoted per ${missing.from}: enter how many ${missing.to} make 1 ${missing.from} to compare.`;
}

export function MissingConversionsNotice({ comparison }: { comparison: TenderComparison }) {
  if (!comparison.missingConversions.length) return null;
  return (
    <Alert color="yellow" title="Some quotes cannot be compared yet" data-testid="missing-conversions">
      <Stack gap={2}>
        {comparison.missingConversions.map((missing) => (
          <Text key={`${missing.kind}:${missing.from}:${missing.to}`} size="sm">
            {missingSentence(comparison, missing)}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** The tender's rates and unit factors: the missing ones to fill in, the entered ones to correct or remove. */
export function ConversionsForm({ comparison }: { comparison: TenderComparison }) {
  const { conversions, missingConversions, currency } = comparison;
  const utils = trpc.useUtils();
  const missingCurrencies = missingConversions.filter((missing) => missing.kind === 'currency').map((missing) => missing.from);
  const [codes, setCodes] = useState(() => [...new Set([...missingCurrencies, ...Object.keys(conversions.currencies)])]);
  const form = useZodForm(conversionsInput, {
    defaultValues: {
      tenderId: comparison.tenderId,
      currencies: Object.fromEntries(codes.map((code) => [code, trimZeros(conversions.currencies[code] ?? '')])),
      units: [
        ...missingConversions
          .filter((missing) => missing.kind === 'unit')
          .map((missing) => ({ from: missing.from, to: missing.to, factor: '' })),
        ...conversions.units.map((unit) => ({ ...unit, factor: trimZeros(unit.factor) })),
      ],
    },
  });
  const units = useFieldArray({ control: form.control, name: 'units' });
  const save = trpc.sourcing.tenders.setConversions.useMutation({
    onSuccess: async () => {
      notifications.show({ message: 'Rates saved: the comparison is updated.' });
      await utils.sourcing.tenders.compare.invalidate({ tenderId: comparison.tenderId });
    },
    onError: form.showServerError,
  });
  const removeCurrency = (code: string) => {
    form.unregister(`currencies.${code}`);
    setCodes((current) => current.filter((candidate) => candidate !== code));
  };
  if (!codes.length && !units.fields.length) return null;
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Rates and units
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Quotes in another currency or unit are converted to {currency} and the tender's units with the figures you enter here.
      </Text>
      <SchemaForm form={form} onSubmit={(input) => save.mutate(input)}>
        {codes.map((code) => (
          <Group key={code} align="flex-end" wrap="nowrap">
            <TextInput
              label={`1 ${code} in ${currency}`}
              inputMode="decimal"
              w={220}
              maw="100%"
              {...form.register(`currencies.${code}`)}
              error={form.messageOf(`currencies.${code}`)}
            />
            <Button variant="subtle" color="red" size="xs" onClick={() => removeCurrency(code)} aria-label={`Remove the ${code} rate`}>
              Remove
            </Button>
          </Group>
        ))}
        {units.fields.map((field, index) => (
          <Group key={field.id} align="flex-end" wrap="nowrap">
            <TextInput
              label={`1 ${field.from} in ${field.to}`}
              inputMode="decimal"
              w={220}
              maw="100%"
              {...form.register(`units.${index}.factor`)}
              error={form.messageOf(`units.${index}.factor`)}
            />
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => units.remove(index)}
              aria-label={`Remove the ${field.from} to ${field.to} factor`}
            >
              Remove
            </Button>
          </Group>
        ))}
        <SubmitRow form={form} loading={save.isPending}>
          Save rates
        </SubmitRow>
      </SchemaForm>
    </Paper>
  );
}
