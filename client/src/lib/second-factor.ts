import type { QueryClient } from '@tanstack/react-query';
import { errorReason } from './errors.ts';

const ME_KEY = [['auth', 'me']];

/**
 * When any read is refused because two-factor sign-in is owed or required (a company turned the
 * rule on mid-session), the session is read again: the session gate then routes to the code step
 * or to enrolment instead of leaving a screen of refusals.
 */
export function withSecondFactorGate(queryClient: QueryClient): QueryClient {
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'error') return;
    const reason = errorReason(event.action.error);
    // The session read itself refused is already what the gate acts on; re-reading it would loop.
    const isSessionRead = JSON.stringify(event.query.queryKey[0]) === JSON.stringify(ME_KEY[0]);
    if (!isSessionRead && (reason === 'TWO_FACTOR_REQUIRED' || reason === 'TWO_FACTOR_PENDING')) {
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    }
  });
  return queryClient;
}
