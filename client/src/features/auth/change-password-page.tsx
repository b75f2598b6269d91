import { PasswordInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { changePasswordInput } from '@tradeloom/shared';
import { useNavigate } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { AuthCard } from './auth-card.tsx';

/** Also the first-login page for members whose password an admin set. */
export function ChangePasswordPage() {
  const me = useMe();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = useZodForm(changePasswordInput, { defaultValues: { currentPassword: '', newPassword: '' } });
  const change = trpc.auth.changePassword.useMutation({
    onSuccess: async () => {
      await utils.auth.me.invalidate();
      notifications.show({ color: 'teal', message: 'Password changed. Other devices were signed out.' });
      navigate('/', { replace: true });
    },
    onError: form.showServerError,
  });
  const forced = me.data?.user.mustChangePassword;
  return (
    <AuthCard
      title={forced ? 'Choose your own password' : 'Change password'}
      subtitle={forced ? 'Your admin set a temporary password. Replace it to continue.' : undefined}
    >
      <SchemaForm form={form} onSubmit={(values) => change.mutate(values)}>
        <PasswordInput
          label={forced ? 'Temporary password' : 'Current password'}
          autoComplete="current-password"
          required
          {...form.register('currentPassword')}
          error={form.messageOf('currentPassword')}
        />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          {...form.register('newPassword')}
          error={form.messageOf('newPassword')}
        />
        <SubmitRow form={form} loading={change.isPending}>
          Save password
        </SubmitRow>
      </SchemaForm>
    </AuthCard>
  );
}
