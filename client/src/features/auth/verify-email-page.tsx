import { Alert, Anchor, Loader, Stack } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const utils = trpc.useUtils();
  const verify = trpc.auth.verifyEmail.useMutation({ onSuccess: () => utils.auth.me.invalidate() });
  const sent = useRef(false);
  useEffect(() => {
    // Once, even under StrictMode's double effects: the token is single-use.
    if (token && !sent.current) {
      sent.current = true;
      verify.mutate({ token });
    }
  }, [token, verify]);
  return (
    <AuthCard title="Confirm your email">
      <Stack>
        {(verify.isPending || verify.isIdle) && token && <Loader aria-label="Confirming" />}
        {!token && <Alert color="red">This page needs the link from the email.</Alert>}
        {verify.isSuccess && (
          <Alert color="teal" role="status">
            Your email address is confirmed.
          </Alert>
        )}
        {verify.error && <Alert color="red">{errorMessage(verify.error)}</Alert>}
        <Anchor component={Link} to="/">
          Continue to Tradeloom
        </Anchor>
      </Stack>
    </AuthCard>
  );
}
