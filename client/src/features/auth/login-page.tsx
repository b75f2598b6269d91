import { Anchor, Group, PasswordInput, TextInput } from '@mantine/core';
import { loginInput } from '@tradeloom/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { AuthCard } from './auth-card.tsx';

/** Only same-app paths: an open redirect through ?next= would help phishing. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = useZodForm(loginInput, { defaultValues: { email: '', password: '' } });
  const login = trpc.auth.login.useMutation({
    onSuccess: async (result) => {
      const next = safeNext(params.get('next'));
      // With 2FA on, the password opened a session that first needs the code.
      if (result.twoFactorRequired) return navigate(`/login/two-factor?next=${encodeURIComponent(next)}`, { replace: true });
      await utils.auth.me.invalidate();
      navigate(result.mustChangePassword ? '/change-password' : next, { replace: true });
    },
    onError: form.showServerError,
  });
  return (
    <AuthCard title="Sign in" subtitle="Work with your partners, orders and trades in one place.">
      <SchemaForm form={form} onSubmit={(values) => login.mutate(values)}>
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          {...form.register('email')}
          error={form.messageOf('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          {...form.register('password')}
          error={form.messageOf('password')}
        />
        <SubmitRow form={form} loading={login.isPending}>
          Sign in
        </SubmitRow>
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
      </SchemaForm>
    </AuthCard>
  );
}
