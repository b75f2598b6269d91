import { Textarea } from '@mantine/core';
import { companyStatusChangeInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { useZodForm } from '../../lib/zod-form.ts';

// Suspending a company and disabling an account both need the operator's reason, checked by the
// same rule the server applies.
const reasonInput = companyStatusChangeInput.pick({ reason: true });

export function ReasonForm({
  label,
  submitLabel,
  pending,
  onSubmit,
}: {
  label: string;
  submitLabel: string;
  pending: boolean;
  /** Rejects with the server's error, which the form shows beside the field or the button. */
  onSubmit: (reason: string) => Promise<unknown>;
}) {
  const form = useZodForm(reasonInput, { defaultValues: { reason: '' } });
  return (
    <SchemaForm form={form} onSubmit={({ reason }) => onSubmit(reason).catch(form.showServerError)}>
      <Textarea label={label} autosize minRows={2} required {...form.register('reason')} error={form.messageOf('reason')} />
      <SubmitRow form={form} loading={pending}>
        {submitLabel}
      </SubmitRow>
    </SchemaForm>
  );
}
