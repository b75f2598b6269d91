import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { PASSWORD_MIN, registerInput } from '@tradeloom/shared';
import { Link, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { AuthCard } from './auth-card.tsx';

/** Keeps `?next=` (e.g. an invitation link) across the sign-up → sign-in step. */
function loginLink(next: string | null): string {
  return `/login${next ? `?next=${encodeURIComponent(next)}` : ''}`;
}

// Where a new account starts when it came with no ?next=: setting up its company.
const FIRST_STEP = '/companies/new';

export function RegisterPage() {
  const [params] = useSearchParams();
  const form = useZodForm(registerInput, { defaultValues: { name: '', email: '', password: '' } });
  const register = trpc.auth.register.useMutation({ onError: form.showServerError });
  const next = params.get('next');
  // The server answers alike whether or not the address already has an account, and signs no one
  // in: the person confirms their address from the mail and signs in with the password they chose.
  if (register.isSuccess)
    return (
      <CheckYourInbox email={register.variables?.email ?? ''} message={register.data.message} loginTo={loginLink(next ?? FIRST_STEP)} />
    );
  return (
    <AuthCard title="Create your account" subtitle="Then set up your company or accept an invitation.">
      <SchemaForm form={form} onSubmit={(values) => register.mutate(values)}>
        <TextInput label="Your name" autoComplete="name" required {...form.register('name')} error={form.messageOf('name')} />
        <TextInput
          label="Work email"
          type="email"
          autoComplete="email"
          required
          {...form.register('email')}
          error={form.messageOf('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="new-password"
          required
          description={`At least ${PASSWORD_MIN} characters. A phrase of several words is easy to remember and hard to guess.`}
          {...form.register('password')}
          error={form.messageOf('password')}
        />
        <SubmitRow form={form} loading={register.isPending}>
          Create account
        </SubmitRow>
        <Text size="sm">
          Already have an account?{' '}
          <Anchor component={Link} to={loginLink(next)}>
            Sign in
          </Anchor>
        </Text>
      </SchemaForm>
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
