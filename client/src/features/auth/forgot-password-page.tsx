import { Alert, Anchor, Button, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { MutationForm } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = trpc.auth.requestPasswordReset.useMutation();
  return (
    <AuthCard title="Reset your password" subtitle="We will email you a link to choose a new one.">
      {request.isSuccess ? (
        <Alert color="teal" role="status">
          {request.data.message} The link works for one hour.
        </Alert>
      ) : (
        <MutationForm onSubmit={() => request.mutate({ email })} error={request.error}>
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(request.error, 'email')}
          />
          <Button type="submit" loading={request.isPending}>
            Send reset link
          </Button>
        </MutationForm>
      )}
      <Anchor component={Link} to="/login" size="sm">
        Back to sign in
      </Anchor>
    </AuthCard>
  );
}
