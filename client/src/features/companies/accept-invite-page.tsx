import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '@tradeloom/shared';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from '../auth/auth-card.tsx';

export function AcceptInvitePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const preview = trpc.companies.previewInvite.useQuery({ token }, { enabled: token.length >= 10, retry: false });
  const accept = trpc.companies.acceptInvite.useMutation({
    onSuccess: () => {
      queryClient.removeQueries();
      navigate('/');
    },
  });
  const here = `/accept-invite?token=${encodeURIComponent(token)}`;
  return (
    <AuthCard title="Join a company">
      {!token && <Alert color="red">This page needs the link from the invitation email.</Alert>}
      {preview.isPending && token && <Loader aria-label="Loading invitation" />}
      {preview.error && <Alert color="red">{errorMessage(preview.error)}</Alert>}
      {preview.data && (
        <Stack>
          <Text>
            You are invited to join <b>{preview.data.companyName}</b> as <b>{ROLE_LABELS[preview.data.role]}</b>. The invitation is for{' '}
            {preview.data.email} and expires {formatDateTime(preview.data.expiresAt)}.
          </Text>
          {accept.error && <Alert color="red">{errorMessage(accept.error)}</Alert>}
          {me.data ? (
            <Stack gap="xs">
              <Text size="sm" c="dimmed">
                Signed in as {me.data.user.email}.
              </Text>
              <Button onClick={() => accept.mutate({ token })} loading={accept.isPending}>
                Accept and join
              </Button>
            </Stack>
          ) : (
            <Group>
              <Button component={Link} to={`/register?next=${encodeURIComponent(here)}`}>
                Create an account
              </Button>
              <Button component={Link} variant="default" to={`/login?next=${encodeURIComponent(here)}`}>
                Sign in
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </AuthCard>
  );
}
