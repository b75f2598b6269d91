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
import { describeFieldErrors, errorMessage, serverFieldErrors } from './errors.ts';

type FormSchema = z.ZodType<FieldValues, FieldValues>;

export type ZodForm<Values extends FieldValues, Output> = UseFormReturn<Values, unknown, Output> & {
  /**
   * Puts a failed mutation's field messages on the inputs that show them (line 2's quantity under
   * line 2's quantity input); messages for fields no input draws go in words at the top of the
   * form, and a failure that names no field beside the submit button.
   */
  showServerError: (error: unknown) => void;
  /** The same, for a form that sent fewer rows than it draws: `toFormPath` maps a sent path to the form's own. */
  showServerErrorAt: (error: unknown, toFormPath: (path: string) => string) => void;
  /** Whether an input for this path is on the screen (registered, or a list the form draws). */
  isDrawn: (path: string) => boolean;
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
 * Errors for values no input draws (an id or version the form adds, a line's HSN code kept from
 * the catalog) are said in words at the top of the form: otherwise it would refuse to submit
 * without saying why, or point at a highlight that is not there.
 */
function withUndrawnOnRoot(errors: FieldErrors, isDrawn: (path: string) => boolean): FieldErrors {
  const undrawn = leafMessages(errors).filter(([path]) => !isDrawn(path));
  if (!undrawn.length) return errors;
  const message = describeFieldErrors(Object.fromEntries(undrawn.map(([path, message]) => [path, [message]])));
  return { ...errors, root: { ...errors.root, fields: { type: 'validate', message } } } as FieldErrors;
}

// What react-hook-form keeps beside a message: not nested errors (`ref` is the input element).
const ERROR_KEYS = new Set(['message', 'type', 'types', 'ref']);

/** Every message in a react-hook-form error tree with its path (`lines.1.quantity`); a list's own message sits at `lines`. */
function leafMessages(errors: object, prefix = ''): [string, string][] {
  const found: [string, string][] = [];
  const { message } = errors as { message?: unknown };
  if (prefix && typeof message === 'string') found.push([prefix, message]);
  for (const [key, nested] of Object.entries(errors)) {
    if (ERROR_KEYS.has(key) || !nested || typeof nested !== 'object') continue;
    if (key === 'root') {
      // The form's own root holds server messages; a list's root is the list's message.
      if (prefix) found.push(...leafMessages(nested, prefix));
      continue;
    }
    found.push(...leafMessages(nested, prefix ? `${prefix}.${key}` : key));
  }
  return found;
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
  // Read when an error arrives, so lines added or removed since are counted. A list (`lines`) draws
  // its own message; an input also shows what is said of its parts (`progress.1.completedQuantity`
  // under the box for `progress.1`), but a list does not stand in for one of its items.
  const drawnAt = (path: string): string | undefined => {
    const { mount, array } = form.control._names;
    if (mount.has(path) || array.has(path)) return path;
    const parts = path.split('.');
    while (parts.length > 1) {
      parts.pop();
      if (mount.has(parts.join('.'))) return parts.join('.');
    }
    return undefined;
  };
  const isDrawn = (path: string) => drawnAt(path) !== undefined;
  const resolver: Resolver<Values, unknown, unknown> = async (values, context, options) => {
    const result = await validate(prepare ? prepare(values) : values, context, options as never);
    return { ...result, errors: withUndrawnOnRoot(result.errors, isDrawn) } as never;
  };
  const form = useForm<Values, unknown, unknown>({ resolver, defaultValues, mode: 'onTouched' });

  const showServerErrorAt = (error: unknown, toFormPath: (path: string) => string) => {
    const fieldErrors = serverFieldErrors(error);
    const undrawn: Record<string, string[]> = {};
    for (const [sent, messages] of Object.entries(fieldErrors)) {
      const message = messages?.[0];
      const field = toFormPath(sent);
      if (!message) continue;
      const input = drawnAt(field);
      if (input) form.setError(input as FieldPath<Values>, { type: 'server', message });
      else undrawn[field] = [message];
    }
    if (Object.keys(undrawn).length) form.setError('root.fields', { type: 'server', message: describeFieldErrors(undrawn) });
    if (!Object.keys(fieldErrors).length) form.setError('root.server', { type: 'server', message: errorMessage(error) });
  };

  const showServerError = (error: unknown) => showServerErrorAt(error, (path) => path);

  const messageOf = (name: FieldPath<Values>) => sentence(firstMessage(form.getFieldState(name, form.formState).error));

  return { ...form, showServerError, showServerErrorAt, isDrawn, messageOf };
}
