import { Alert, Anchor, Button, PasswordInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MutationForm } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const reset = trpc.auth.resetPassword.useMutation();
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
        <MutationForm onSubmit={() => reset.mutate({ token, password })} error={reset.error}>
          {!token && <Alert color="red">This page needs the link from the email.</Alert>}
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(reset.error, 'password')}
          />
          <Button type="submit" loading={reset.isPending} disabled={!token}>
            Set new password
          </Button>
        </MutationForm>
      )}
    </AuthCard>
  );
}
