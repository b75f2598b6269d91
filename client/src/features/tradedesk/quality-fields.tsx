import { Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { FieldPath, FieldValues } from 'react-hook-form';
import { trimZeros } from '../../lib/format.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';
import type { ZodForm } from '../../lib/zod-form.ts';

export type QualityParameter = RouterOutputs['masters']['commodities'][number]['parameters'][number];

const unitOf = (parameter: QualityParameter) => (parameter.unit ? ` (${parameter.unit})` : '');
/** "Allowed 20–40 mm": the range the masters allow, so a typo is caught before posting. */
export const allowedHint = (parameter: QualityParameter) =>
  `Allowed ${trimZeros(parameter.minAllowed)}–${trimZeros(parameter.maxAllowed)}${parameter.unit ? ` ${parameter.unit}` : ''}`;

/**
 * An offer's quality as ranges, one row per parameter of the commodity; either end may stay empty.
 * `hint` adds what the form knows of a parameter (where a pasted message said it).
 */
export function QualityRangeFields<Values extends FieldValues, Output>({
  form,
  parameters,
  hint,
}: {
  form: ZodForm<Values, Output>;
  parameters: QualityParameter[];
  hint?: (code: string) => ReactNode;
}) {
  if (!parameters.length) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Quality
      </Text>
      <Text size="xs" c="dimmed">
        The range you buy or sell at; leave a parameter empty when it does not matter.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
        {parameters.map((parameter) => {
          const min = `quality.${parameter.code}.min` as FieldPath<Values>;
          const max = `quality.${parameter.code}.max` as FieldPath<Values>;
          return (
            <Stack key={parameter.code} gap={0} data-testid={`quality-${parameter.code}`}>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <TextInput
                  label={`${parameter.name} from${unitOf(parameter)}`}
                  inputMode="decimal"
                  placeholder={trimZeros(parameter.minAllowed)}
                  {...form.register(min)}
                  error={form.messageOf(min)}
                  style={{ flex: 1 }}
                  miw={0}
                />
                <TextInput
                  label={`${parameter.name} to${unitOf(parameter)}`}
                  inputMode="decimal"
                  placeholder={trimZeros(parameter.maxAllowed)}
                  {...form.register(max)}
                  error={form.messageOf(max)}
                  style={{ flex: 1 }}
                  miw={0}
                />
              </Group>
              <Text size="xs" c="dimmed">
                {allowedHint(parameter)}
              </Text>
              {hint?.(parameter.code)}
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}

/** A lot's measured HVI results, one box per parameter, with the allowed range under each. */
export function LotResultFields<Values extends FieldValues, Output>({
  form,
  parameters,
}: {
  form: ZodForm<Values, Output>;
  parameters: QualityParameter[];
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      {parameters.map((parameter) => {
        const name = `quality.values.${parameter.code}` as FieldPath<Values>;
        return (
          <TextInput
            key={parameter.code}
            label={`${parameter.name}${unitOf(parameter)}`}
            description={allowedHint(parameter)}
            inputMode="decimal"
            {...form.register(name)}
            error={form.messageOf(name)}
          />
        );
      })}
    </SimpleGrid>
  );
}
