import { router } from '../../trpc/init.ts';

export const yearsRouter = router({});
