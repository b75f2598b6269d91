import { Anchor, Button, Group, PasswordInput, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MutationForm } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

/** Only same-app paths: an open redirect through ?next= would help phishing. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = trpc.auth.login.useMutation({
    onSuccess: async (result) => {
      await utils.auth.me.invalidate();
      navigate(result.mustChangePassword ? '/change-password' : safeNext(params.get('next')), { replace: true });
    },
  });
  return (
    <AuthCard title="Sign in" subtitle="Work with your partners, orders and trades in one place.">
      <MutationForm onSubmit={() => login.mutate({ email, password })} error={login.error}>
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fieldError(login.error, 'email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={login.isPending}>
          Sign in
        </Button>
        <Group justify="space-between">
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
          <Anchor
            component={Link}
            to={`/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}
            size="sm"
          >
            Create an account
          </Anchor>
        </Group>
      </MutationForm>
    </AuthCard>
  );
}
