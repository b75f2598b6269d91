import { Alert, Anchor, TextInput } from '@mantine/core';
import { requestPasswordResetInput } from '@tradeloom/shared';
import { Link } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { AuthCard } from './auth-card.tsx';

export function ForgotPasswordPage() {
  const form = useZodForm(requestPasswordResetInput, { defaultValues: { email: '' } });
  const request = trpc.auth.requestPasswordReset.useMutation({ onError: form.showServerError });
  return (
    <AuthCard title="Reset your password" subtitle="We will email you a link to choose a new one.">
      {request.isSuccess ? (
        <Alert color="teal" role="status">
          {request.data.message} The link works for one hour.
        </Alert>
      ) : (
        <SchemaForm form={form} onSubmit={(values) => request.mutate(values)}>
          <TextInput label="Email" type="email" required {...form.register('email')} error={form.messageOf('email')} />
          <SubmitRow form={form} loading={request.isPending}>
            Send reset link
          </SubmitRow>
        </SchemaForm>
      )}
      <Anchor component={Link} to="/login" size="sm">
        Back to sign in
      </Anchor>
    </AuthCard>
  );
}
