import { router } from '../../trpc/init.ts';

export const notesRouter = router({});
