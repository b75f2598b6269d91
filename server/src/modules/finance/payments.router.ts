import { router } from '../../trpc/init.ts';

export const paymentsRouter = router({});
