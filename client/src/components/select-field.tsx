import { Select, type SelectProps } from '@mantine/core';
import { Controller, type FieldPath, type FieldValues } from 'react-hook-form';
import type { ZodForm } from '../lib/zod-form.ts';

// Apart from form.tsx so the Select (and the floating-ui positioning under it) stays off forms with
// no choice to make, sign-in first among them.

/** A Mantine Select bound to one form field, with the field's message under it. */
export function SelectField<Values extends FieldValues, Output>({
  form,
  name,
  ...props
}: { form: ZodForm<Values, Output>; name: FieldPath<Values> } & Omit<SelectProps, 'value' | 'onChange' | 'error' | 'name' | 'form'>) {
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <Select
          {...props}
          value={field.value || null}
          // A cleared choice is an empty box, like an emptied text input.
          onChange={(value) => field.onChange(value ?? '')}
          onBlur={field.onBlur}
          error={form.messageOf(name)}
        />
      )}
    />
  );
}
