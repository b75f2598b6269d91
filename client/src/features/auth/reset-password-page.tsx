import { Alert, Anchor, PasswordInput } from '@mantine/core';
import { resetPasswordInput } from '@tradeloom/shared';
import { Link, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { AuthCard } from './auth-card.tsx';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  // The token from the link travels as a form value no input shows: a malformed one is reported beside the button.
  const form = useZodForm(resetPasswordInput, { defaultValues: { token, password: '' } });
  const reset = trpc.auth.resetPassword.useMutation({ onError: form.showServerError });
  return (
    <AuthCard title="Choose a new password" subtitle="Signing in again will be needed on every device.">
      {reset.isSuccess ? (
        <Alert color="teal" role="status">
          Your password is changed.{' '}
          <Anchor component={Link} to="/login">
            Sign in
          </Anchor>{' '}
          with the new one.
        </Alert>
      ) : (
        <SchemaForm form={form} onSubmit={(values) => reset.mutate(values)}>
          {!token && <Alert color="red">This page needs the link from the email.</Alert>}
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            {...form.register('password')}
            error={form.messageOf('password')}
          />
          <SubmitRow form={form} loading={reset.isPending} disabled={!token}>
            Set new password
          </SubmitRow>
        </SchemaForm>
      )}
    </AuthCard>
  );
}
