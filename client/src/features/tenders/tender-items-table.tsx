import { Table, Text } from '@mantine/core';
import { formatMoney, formatQuantity } from '@tradeloom/shared';
import { DataTable, NumberCell } from '../../components/ui.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

type TenderItem = RouterOutputs['sourcing']['tenders']['get']['items'][number];

/** A tender's items as both sides read them: what, which quality, how much, at what target price. */
export function TenderItemsTable({ items, currency }: { items: TenderItem[]; currency: string }) {
  return (
    <DataTable
      headers={['#', 'Item', 'Quality', { label: 'Quantity', numeric: true }, { label: 'Target price', numeric: true }]}
      minWidth={560}
    >
      {items.map((item) => (
        <Table.Tr key={item.id}>
          <Table.Td>{item.lineNo}</Table.Td>
          <Table.Td>
            {item.description}
            {item.hsnCode && (
              <Text size="xs" c="dimmed">
                HSN {item.hsnCode}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            {item.specification.length === 0
              ? '—'
              : item.specification.map((spec) => (
                  <Text key={spec.name} size="xs">
                    {spec.name}: {spec.value}
                  </Text>
                ))}
          </Table.Td>
          <NumberCell>{formatQuantity(item.quantity, item.unit)}</NumberCell>
          <NumberCell>{item.targetPrice ? formatMoney(item.targetPrice, currency, { maxFractionDigits: 4 }) : '—'}</NumberCell>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
