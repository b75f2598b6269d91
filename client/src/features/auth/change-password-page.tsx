import { Button, PasswordInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { MutationForm } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { AuthCard } from './auth-card.tsx';

/** Also the first-login page for members whose password an admin set. */
export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: async () => {
      await utils.auth.me.invalidate();
      notifications.show({ color: 'teal', message: 'Password changed. Other devices were signed out.' });
      navigate('/', { replace: true });
    },
  });
  const forced = me.data?.user.mustChangePassword;
  return (
    <AuthCard
      title={forced ? 'Choose your own password' : 'Change password'}
      subtitle={forced ? 'Your admin set a temporary password. Replace it to continue.' : undefined}
    >
      <MutationForm onSubmit={() => change.mutate({ currentPassword, newPassword })} error={change.error}>
        <PasswordInput
          label={forced ? 'Temporary password' : 'Current password'}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={fieldError(change.error, 'newPassword')}
        />
        <Button type="submit" loading={change.isPending}>
          Save password
        </Button>
      </MutationForm>
    </AuthCard>
  );
}
