import { router } from '../../trpc/init.ts';

export const disputesRouter = router({});
