import { Anchor, Button, PasswordInput, Text, TextInput } from '@mantine/core';
import { PASSWORD_MIN } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { MutationForm } from '../../app/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';
import { safeNext } from './login-page.tsx';

export function RegisterPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const register = trpc.auth.register.useMutation({
    onSuccess: async () => {
      await utils.auth.me.invalidate();
      const next = params.get('next');
      navigate(next ? safeNext(next) : '/companies/new', { replace: true });
    },
  });
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
          <Anchor component={Link} to={`/login${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}>
            Sign in
          </Anchor>
        </Text>
      </MutationForm>
    </AuthCard>
  );
}
