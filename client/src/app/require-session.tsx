import { Center, Loader } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorReason } from '../lib/errors.ts';
import { type Me, useMe } from '../lib/session.ts';

function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/**
 * Sends signed-out visitors to the login page and remembers where they were going; a sign-in that
 * still owes its code goes to the code step, and a member whose company (or operator role)
 * requires two-factor sign-in goes to set it up on the account page.
 */
export function RequireSession({ children, preload }: { children: (me: Me) => ReactNode; preload?: () => void }) {
  const location = useLocation();
  const me = useMe();
  // The code the signed-in screen needs downloads while the session is being checked.
  useEffect(() => preload?.(), [preload]);
  if (me.isPending) return <FullPageLoader />;
  const next = encodeURIComponent(location.pathname + location.search);
  if (errorReason(me.error) === 'TWO_FACTOR_PENDING') return <Navigate to={`/login/two-factor?next=${next}`} replace />;
  if (!me.data) return <Navigate to={`/login?next=${next}`} replace />;
  if (me.data.user.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (me.data.twoFactorDue && location.pathname !== '/account') return <Navigate to="/account#two-factor" replace />;
  return <>{children(me.data)}</>;
}
