import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { PASSWORD_MIN } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MutationForm } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

/** Keeps `?next=` (e.g. an invitation link) across the sign-up → sign-in step. */
function loginLink(next: string | null): string {
  return `/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;
}

// Where a new account starts when it came with no ?next=: setting up its company.
const FIRST_STEP = '/companies/new';

export function RegisterPage() {
  const [params] = useSearchParams();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const register = trpc.auth.register.useMutation();
  const next = params.get('next');
  // The server answers alike whether or not the address already has an account, and signs no one
  // in: the person confirms their address from the mail and signs in with the password they chose.
  if (register.isSuccess)
    return <CheckYourInbox email={form.email} message={register.data.message} loginTo={loginLink(next ?? FIRST_STEP)} />;
  const set = (key: keyof typeof form) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: event.currentTarget.value });
  return (
    <AuthCard title="Create your account" subtitle="Then set up your company or accept an invitation.">
      <MutationForm onSubmit={() => register.mutate(form)} error={register.error}>
        <TextInput
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set('name')}
          error={fieldError(register.error, 'name')}
        />
        <TextInput
          label="Work email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fieldError(register.error, 'email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          required
          description={`At least ${PASSWORD_MIN} characters. A phrase of several words is easy to remember and hard to guess.`}
          value={form.password}
          onChange={set('password')}
          error={fieldError(register.error, 'password')}
        />
        <Button type="submit" loading={register.isPending}>
          Create account
        </Button>
        <Text size="sm">
          Already have an account?{' '}
          <Anchor component={Link} to={loginLink(next)}>
            Sign in
          </Anchor>
        </Text>
      </MutationForm>
    </AuthCard>
  );
}

function CheckYourInbox({ email, message, loginTo }: { email: string; message: string; loginTo: string }) {
  return (
    <AuthCard title="Check your inbox" subtitle={`We wrote to ${email}.`}>
      <Stack>
        <Alert color="teal" role="status">
          {message}
        </Alert>
        <Button component={Link} to={loginTo}>
          Sign in
        </Button>
      </Stack>
    </AuthCard>
  );
}
