import { Paper, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

/** Whether every member must use two-factor sign-in; admins and owners change it. */
export function TwoFactorPolicy() {
  const can = useCan();
  const utils = trpc.useUtils();
  const policy = trpc.twoFactor.companyPolicy.useQuery();
  const save = trpc.twoFactor.setCompanyPolicy.useMutation({
    onSuccess: (result) => {
      utils.twoFactor.companyPolicy.setData(undefined, result);
      notifications.show({
        color: 'teal',
        message: result.required ? 'Members now need two-factor sign-in.' : 'Two-factor sign-in is now up to each member.',
      });
    },
  });
  if (!policy.data) return null;
  const required = save.isPending ? (save.variables?.required ?? policy.data.required) : policy.data.required;
  return (
    <Paper withBorder p="lg">
      {can('members:manage') ? (
        <Switch
          label="Require two-factor sign-in for members"
          description="Members without it are asked to set it up before they can work in this company. API keys are not affected."
          checked={required}
          onChange={(e) => save.mutate({ required: e.currentTarget.checked })}
          error={save.error ? errorMessage(save.error) : undefined}
        />
      ) : (
        <Text size="sm">
          {required ? 'This company requires two-factor sign-in for its members.' : 'Two-factor sign-in is up to each member.'}
        </Text>
      )}
    </Paper>
  );
}
