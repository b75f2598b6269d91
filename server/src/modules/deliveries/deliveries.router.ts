import { router } from '../../trpc/init.ts';

/** Dispatches (per truck, against an order or a contract) and the buyer's goods receipts. */
export const deliveriesRouter = router({});
