import { router } from '../../trpc/init.ts';

export const creditLimitsRouter = router({});
