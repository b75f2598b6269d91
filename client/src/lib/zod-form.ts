import { zodResolver } from '@hookform/resolvers/zod';
import {
  type DefaultValues,
  type FieldErrors,
  type FieldPath,
  type FieldValues,
  type Resolver,
  type UseFormReturn,
  useForm,
} from 'react-hook-form';
import type { z } from 'zod';
import { errorMessage, serverFieldErrors } from './errors.ts';

type FormSchema = z.ZodType<FieldValues, FieldValues>;

export type ZodForm<Values extends FieldValues, Output> = UseFormReturn<Values, unknown, Output> & {
  /** Puts a failed mutation's field messages on the fields, and anything else beside the submit button. */
  showServerError: (error: unknown) => void;
  /** The message to show under one field, capitalised like a sentence. */
  messageOf: (name: FieldPath<Values>) => string | undefined;
};

// A missing value gets the server's wording rather than zod's "expected string, received undefined".
const requiredWhenMissing = (issue: { input?: unknown }) => (issue.input === undefined || issue.input === null ? 'is required' : undefined);

/** A field message ("is required") as a sentence under its input ("Is required"). */
export const sentence = (message: string | undefined) => (message ? `${message[0]?.toUpperCase()}${message.slice(1)}` : undefined);

/** The first message in an error or its nested errors (a list's items report under the list). */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message } = error as { message?: unknown };
  if (typeof message === 'string') return message;
  for (const nested of Object.values(error)) {
    const found = firstMessage(nested);
    if (found) return found;
  }
  return undefined;
}

/**
 * Errors for values no input holds (an id or version the form adds, a token from the link) are
 * said beside the submit button: otherwise the form would refuse to submit without saying why.
 */
function withUnshownOnRoot(errors: FieldErrors, shown: Set<string>): FieldErrors {
  const unshown = Object.keys(errors).filter((field) => field !== 'root' && !shown.has(field));
  if (!unshown.length) return errors;
  const message = unshown.map((field) => `${field} ${firstMessage(errors[field]) ?? 'is invalid'}`).join('; ');
  return { ...errors, root: { ...errors.root, server: { type: 'validate', message: sentence(message) } } } as FieldErrors;
}

/**
 * A react-hook-form form validated by the same zod schema the server uses, so the browser shows the
 * server's rules before the request; the server's own field errors still land on the fields.
 *
 * When the inputs hold something else than the server takes (an empty box for "leave it out" or
 * "clear it"), pass `prepare`: it turns the form's values into the server's input before the schema
 * runs, keeping the field names so messages land on the right inputs. Amounts and quantities need
 * no conversion: the schemas take them as decimal strings, which is what a text input holds.
 */
export function useZodForm<Schema extends FormSchema>(
  schema: Schema,
  options: { defaultValues: DefaultValues<z.input<Schema>> },
): ZodForm<z.input<Schema>, z.output<Schema>>;
export function useZodForm<Schema extends FormSchema, Values extends FieldValues>(
  schema: Schema,
  options: { defaultValues: DefaultValues<Values>; prepare: (values: Values) => z.input<Schema> },
): ZodForm<Values, z.output<Schema>>;
export function useZodForm<Values extends FieldValues>(
  schema: FormSchema,
  { defaultValues, prepare }: { defaultValues: DefaultValues<Values>; prepare?: (values: Values) => FieldValues },
): ZodForm<Values, unknown> {
  const validate = zodResolver(schema as never, { error: requiredWhenMissing }) as unknown as Resolver<FieldValues, unknown, unknown>;
  const resolver: Resolver<Values, unknown, unknown> = async (values, context, options) => {
    const result = await validate(prepare ? prepare(values) : values, context, options as never);
    return { ...result, errors: withUnshownOnRoot(result.errors, new Set(Object.keys(values))) } as never;
  };
  const form = useForm<Values, unknown, unknown>({ resolver, defaultValues, mode: 'onTouched' });

  const showServerError = (error: unknown) => {
    const fieldErrors = serverFieldErrors(error);
    const fields = new Set(Object.keys(form.getValues()));
    // A nested key (`lines.0.productId`) lands on its input when the form holds its list.
    const isShown = (field: string) => fields.has(field.split('.')[0] ?? field);
    const elsewhere: string[] = [];
    for (const [field, messages] of Object.entries(fieldErrors)) {
      const message = messages?.[0];
      if (!message) continue;
      if (isShown(field)) form.setError(field as FieldPath<Values>, { type: 'server', message });
      else elsewhere.push(`${field} ${message}`);
    }
    // Field errors sit under their fields; anything else is said in words beside the submit button.
    const rootMessage = Object.keys(fieldErrors).length ? sentence(elsewhere.join('; ')) : errorMessage(error);
    if (rootMessage) form.setError('root.server', { type: 'server', message: rootMessage });
  };

  const messageOf = (name: FieldPath<Values>) => sentence(firstMessage(form.getFieldState(name, form.formState).error));

  return { ...form, showServerError, messageOf };
}
