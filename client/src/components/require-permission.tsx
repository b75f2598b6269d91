import { Alert, Button, Stack } from '@mantine/core';
import { type Permission, permissionDeniedMessage, roleCannotMessage } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCan, useMe } from '../lib/session.ts';

/**
 * A page that only some roles may use. Reached by a deep link, it says who may use it instead of
 * drawing a form that would fail on save.
 */
export function RequirePermission({
  permission,
  back,
  children,
}: {
  permission: Permission;
  /** Where to go instead: the list the form would have added to. */
  back?: { to: string; label: string };
  children: ReactNode;
}) {
  const me = useMe();
  const can = useCan();
  if (!me.data) return null;
  if (can(permission)) return <>{children}</>;
  const role = me.data.role;
  return (
    <Alert color="yellow" title="Not open to your role" role="alert" data-testid="role-refusal">
      <Stack gap="sm" align="flex-start">
        {role ? roleCannotMessage(role, permission) : permissionDeniedMessage(permission)}
        {back && (
          <Button component={Link} to={back.to} size="xs" variant="light">
            {back.label}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
