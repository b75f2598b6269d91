import { router } from '../../trpc/init.ts';

export const invoicesRouter = router({});
