import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = trpc.auth.requestPasswordReset.useMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };
  return (
    <AuthCard title="Reset your password" subtitle="We will email you a link to choose a new one.">
      {request.isSuccess ? (
        <Alert color="teal" role="status">
          {request.data.message} The link works for one hour.
        </Alert>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {request.error && !fieldError(request.error, 'email') && <Alert color="red">{errorMessage(request.error)}</Alert>}
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
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        Back to sign in
      </Anchor>
    </AuthCard>
  );
}
