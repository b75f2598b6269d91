import { Anchor, Group, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { verifyTwoFactorInput } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { AuthCard } from './auth-card.tsx';
import { safeNext } from './login-page.tsx';

/** Sign-in's second step: the password was right, now the code from the app (or a recovery code). */
export function TwoFactorSignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [useRecovery, setUseRecovery] = useState(false);
  const form = useZodForm(verifyTwoFactorInput, { defaultValues: { code: '' } });
  const verify = trpc.twoFactor.verify.useMutation({
    onSuccess: async () => {
      // Everything read while the session was pending was a refusal: start afresh.
      queryClient.clear();
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: form.showServerError,
  });
  const logout = trpc.auth.logout.useMutation({ onSettled: () => navigate('/login', { replace: true }) });
  const toggle = () => {
    setUseRecovery((on) => !on);
    form.reset({ code: '' });
  };
  return (
    <AuthCard
      title="Two-factor sign-in"
      subtitle={
        useRecovery
          ? 'Enter one of the recovery codes you saved. Each works once.'
          : 'Enter the 6-digit code your authenticator app shows for Tradeloom.'
      }
    >
      <SchemaForm form={form} onSubmit={(input) => verify.mutate(input)}>
        <TextInput
          key={useRecovery ? 'recovery' : 'totp'}
          label={useRecovery ? 'Recovery code' : 'Code from the app'}
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          autoFocus
          required
          {...form.register('code')}
          error={form.messageOf('code')}
        />
        <SubmitRow form={form} loading={verify.isPending}>
          Continue
        </SubmitRow>
        <Group justify="space-between">
          {/* Keeps focus in the code box: a blur would show its error, move this link and lose the click. */}
          <Anchor component="button" type="button" size="sm" onMouseDown={(e) => e.preventDefault()} onClick={toggle}>
            {useRecovery ? 'Use the code from the app' : 'Use a recovery code'}
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={() => logout.mutate()}>
            Sign in as someone else
          </Anchor>
        </Group>
      </SchemaForm>
    </AuthCard>
  );
}
