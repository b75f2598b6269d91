import type { OrderAction } from '@tradeloom/shared';
import type { CompanyActor, ServiceContext } from '../deps.ts';
import { changeOrderStatus } from '../modules/orders/order-transitions.service.ts';
import { getOrder } from '../modules/orders/order-views.service.ts';
import { createOrder } from '../modules/orders/orders.service.ts';
import { createWorkOrder, updateWorkOrder } from '../modules/production/production.service.ts';

type Line = [sku: string, quantity: string];

interface DemoOrder {
  buyer: string;
  supplier: string;
  /** Who drafts it: the buyer (a purchase order) or the supplier (a sales order). */
  createdBy: 'buyer' | 'supplier';
  lines: Line[];
  /** Steps after creation, each taken by the side that may: `submit`, `accept`, `start`, … */
  steps: OrderAction[];
  note?: string;
}

// Orders along the demo chain, in every state a user meets: cotton to the spinner, yarn to the
// weaver, fabric to the wholesaler.
const ORDERS: DemoOrder[] = [
  {
    buyer: 'Coimbatore Spinning Mills',
    supplier: 'Saurashtra Cotton Traders',
    createdBy: 'buyer',
    lines: [['S6-29MM', '20']],
    steps: ['submit', 'accept', 'ship', 'deliver', 'complete'],
    note: 'Lot for the October spinning plan',
  },
  {
    buyer: 'Coimbatore Spinning Mills',
    supplier: 'Saurashtra Cotton Traders',
    createdBy: 'buyer',
    lines: [
      ['MCU5-32MM', '15'],
      ['S6-29MM', '10'],
    ],
    steps: ['submit', 'accept', 'ship'],
  },
  {
    // Delivered, not yet completed: the mill's quality complaint and its conversation are about it.
    buyer: 'Coimbatore Spinning Mills',
    supplier: 'Saurashtra Cotton Traders',
    createdBy: 'buyer',
    lines: [['S6-29MM', '30']],
    steps: ['submit', 'accept', 'ship', 'deliver'],
    note: 'November lot, Shankar-6 for 30s combed',
  },
  {
    buyer: 'Coimbatore Spinning Mills',
    supplier: 'Saurashtra Cotton Traders',
    createdBy: 'buyer',
    lines: [['J34-27MM', '25']],
    steps: ['submit'],
  },
  {
    buyer: 'Coimbatore Spinning Mills',
    supplier: 'Saurashtra Cotton Traders',
    createdBy: 'buyer',
    lines: [['CSEED-STD', '120']],
    steps: [],
  },
  {
    buyer: 'Bhiwandi Weaving Works',
    supplier: 'Coimbatore Spinning Mills',
    createdBy: 'buyer',
    lines: [['YRN-30CC', '3000']],
    steps: ['submit', 'accept', 'start'],
  },
  {
    // Delivered yarn the weaver complains about (wet cartons).
    buyer: 'Bhiwandi Weaving Works',
    supplier: 'Coimbatore Spinning Mills',
    createdBy: 'buyer',
    lines: [['YRN-20KH', '1500']],
    steps: ['submit', 'accept', 'ship', 'deliver'],
  },
  {
    buyer: 'Bhiwandi Weaving Works',
    supplier: 'Coimbatore Spinning Mills',
    createdBy: 'supplier',
    lines: [['YRN-40CC', '2000']],
    steps: ['submit'],
  },
  { buyer: 'Chandni Chowk Textiles', supplier: 'Bhiwandi Weaving Works', createdBy: 'buyer', lines: [], steps: ['submit'] },
];

// Who takes each step of the demo orders.
const WHO_ACTS: Record<OrderAction, 'creator' | 'partner' | 'buyer' | 'supplier'> = {
  submit: 'creator',
  approve: 'creator',
  cancel: 'creator',
  accept: 'partner',
  reject: 'partner',
  start: 'supplier',
  ship: 'supplier',
  deliver: 'buyer',
  complete: 'buyer',
};

export async function seedOrdersAndProduction(ctx: ServiceContext, actors: Map<string, CompanyActor>) {
  const { db } = ctx.deps;
  const productOf = async (companyId: string, sku: string) =>
    db
      .selectFrom('products')
      .select(['id', 'unit', 'price'])
      .where('company_id', '=', companyId)
      .where('sku', '=', sku)
      .executeTakeFirstOrThrow();
  let yarnOrderLine: string | undefined;
  for (const demo of ORDERS) {
    const buyer = actors.get(demo.buyer);
    const supplier = actors.get(demo.supplier);
    if (!buyer || !supplier) continue;
    const lines = demo.lines.length
      ? await Promise.all(
          demo.lines.map(async ([sku, quantity]) => {
            const product = await productOf(supplier.companyId, sku);
            return { productId: product.id, quantity, unit: product.unit, unitPrice: product.price };
          }),
        )
      : // A free-text line when the supplier's catalog lacks the item.
        [{ description: 'Cotton poplin 40x40, 58", greige', quantity: '4000', unit: 'm', unitPrice: '68.50', hsnCode: '5208' }];
    const creator = demo.createdBy === 'buyer' ? buyer : supplier;
    const partner = demo.createdBy === 'buyer' ? supplier : buyer;
    let order = await createOrder(ctx, creator, {
      ...(demo.createdBy === 'buyer' ? { supplierId: supplier.companyId } : { buyerId: buyer.companyId }),
      lines,
      note: demo.note,
    });
    const parties = { creator, partner, buyer, supplier };
    for (const action of demo.steps) {
      order = await changeOrderStatus(ctx, parties[WHO_ACTS[action]], { orderId: order.id, action, version: order.version });
    }
    if (demo.lines[0]?.[0] === 'YRN-30CC') yarnOrderLine = (await getOrder(ctx, supplier, order.id)).lines[0]?.id;
  }

  const mill = actors.get('Coimbatore Spinning Mills');
  if (!mill) return;
  const stages = (quantity: string) =>
    ['Blow room', 'Carding', 'Combing', 'Ring spinning', 'Winding'].map((name) => ({ name, plannedQuantity: quantity }));
  const yarn30 = await productOf(mill.companyId, 'YRN-30CC');
  const running = await createWorkOrder(ctx, mill, {
    productId: yarn30.id,
    description: '30s combed compact yarn for Bhiwandi Weaving Works',
    quantity: '3000',
    unit: 'kg',
    orderLineId: yarnOrderLine,
    priority: 'high',
    operations: stages('3000'),
  });
  let current = await updateWorkOrder(ctx, mill, { workOrderId: running.id, version: running.version, action: 'release' });
  current = await updateWorkOrder(ctx, mill, { workOrderId: running.id, version: current?.version ?? 0, action: 'start' });
  const done = ['3000', '3000', '2400', '1500', '600'];
  await updateWorkOrder(ctx, mill, {
    workOrderId: running.id,
    version: current?.version ?? 0,
    progress: (current?.operations ?? []).map((op, index) => ({ operationId: op.id, completedQuantity: done[index] ?? '0' })),
  });
  const yarn40 = await productOf(mill.companyId, 'YRN-40CC');
  const planned = await createWorkOrder(ctx, mill, {
    productId: yarn40.id,
    description: '40s combed yarn, stock for shirting customers',
    quantity: '5000',
    unit: 'kg',
    priority: 'normal',
    operations: stages('5000'),
  });
  await updateWorkOrder(ctx, mill, { workOrderId: planned.id, version: planned.version, action: 'release' });
}
