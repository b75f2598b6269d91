import { Table } from '@mantine/core';
import type { GoodsDeliveryListItem } from '@tradeloom/shared';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import { DeliveryStatusBadge } from './delivery-status.tsx';

/** The trucks of one order or contract, on its page: challan, date, vehicle, status, quantity. */
export function DocumentDeliveriesTable({ items }: { items: GoodsDeliveryListItem[] }) {
  return (
    <DataTable headers={['Challan', 'Dispatched', 'Vehicle', 'Status', { label: 'Quantity', numeric: true }]}>
      {items.map((delivery) => (
        <LinkRow key={delivery.id} data-testid={`delivery-${delivery.number}`}>
          <Table.Td>
            <RowLink to={`/deliveries/${delivery.id}`} monospace>
              {delivery.number}
            </RowLink>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(delivery.dispatchDate)}</Table.Td>
          <Table.Td>{delivery.vehicleNumber ?? '—'}</Table.Td>
          <Table.Td>
            <DeliveryStatusBadge status={delivery.status} />
          </Table.Td>
          <NumberCell>{Number(delivery.totalQuantity).toLocaleString('en-IN')}</NumberCell>
        </LinkRow>
      ))}
    </DataTable>
  );
}
