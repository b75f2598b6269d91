import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import type { FieldValues, SubmitHandler, UseFormReturn } from 'react-hook-form';
import { sentence } from '../lib/zod-form.ts';

/**
 * A form that submits without reloading once its schema passes; fields show their own messages,
 * and messages for fields it does not draw are said at its top.
 */
export function SchemaForm<Values extends FieldValues, Output>({
  form,
  onSubmit,
  children,
}: {
  form: UseFormReturn<Values, unknown, Output>;
  onSubmit: SubmitHandler<Output>;
  children: ReactNode;
}) {
  return (
    // noValidate: the schema's messages replace the browser's own bubbles.
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate>
      <Stack>
        <UndrawnFieldsMessage message={form.formState.errors.root?.fields?.message} />
        {children}
      </Stack>
    </form>
  );
}

/** Field errors with no input on screen, at the top of the form; brought into view, as the submit button may be far below. */
function UndrawnFieldsMessage({ message }: { message: string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [message]);
  if (!message) return null;
  return (
    <Alert ref={ref} color="red" role="alert" data-testid="form-message">
      {message}
    </Alert>
  );
}

/** The submit button, with a failure that belongs to no field spelled out beside it. */
export function SubmitRow<Values extends FieldValues, Output>({
  form,
  loading,
  disabled,
  extra,
  children,
}: {
  form: UseFormReturn<Values, unknown, Output>;
  loading: boolean;
  disabled?: boolean;
  /** Further buttons before the submit button, e.g. "Discard changes". */
  extra?: ReactNode;
  children: ReactNode;
}) {
  const message = form.formState.errors.root?.server?.message;
  return (
    <Group justify="flex-end" wrap="wrap">
      {message && (
        <Text c="red" size="sm" role="alert" style={{ flex: '1 1 200px' }}>
          {message}
        </Text>
      )}
      {extra}
      <Button type="submit" loading={loading} disabled={disabled}>
        {children}
      </Button>
    </Group>
  );
}

/** A message for a group of inputs (a list, a set of checkboxes) that has no single input to sit under. */
export function FieldMessage({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Text c="red" size="sm" role="alert">
      {sentence(message)}
    </Text>
  );
}
