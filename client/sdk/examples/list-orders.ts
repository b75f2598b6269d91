// Lists the company's purchase orders with their totals: where an ERP's nightly import starts.
// Written as an integrator would, against the installed package (tests/sdk/package.test.ts runs it
// in a project outside this repository).
//   TRADELOOM_URL=http://localhost:3000 TRADELOOM_API_KEY=tlk_… node list-orders.ts
import { createClient, errorReason, REASON_MEANINGS, type TradeloomOutputs } from '@tradeloom/sdk';

type OrderRow = TradeloomOutputs['orders']['list']['items'][number];

const url = process.env.TRADELOOM_URL ?? 'http://localhost:3000';
const apiKey = process.env.TRADELOOM_API_KEY;
if (!apiKey) {
  console.error('Set TRADELOOM_API_KEY to a key with the orders:read scope.');
  process.exit(1);
}

// Amounts travel as decimal strings ("281430.00"): print them as they are, never through a float.
const line = (order: OrderRow) => `${order.number ?? '(draft)'}  ${order.status}  ${order.partnerName}  ${order.currency} ${order.total}`;

const client = createClient({ url, apiKey });
try {
  const page = await client.orders.list.query({ side: 'purchase', limit: 50 });
  console.log(`${page.items.length} purchase orders`);
  for (const order of page.items) console.log(line(order));
} catch (error) {
  const reason = errorReason(error);
  console.error(reason ? `${reason}: ${REASON_MEANINGS[reason]}` : error);
  process.exit(1);
}
