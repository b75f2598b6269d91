import { Badge, Table, Text } from '@mantine/core';
import { formatMoney, formatQuantity } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { DataTable, NumberCell } from '../../components/ui.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Product = RouterOutputs['catalog']['products']['list']['items'][number];

/** Products as both the supplier and its buyers see them; `actions` adds a last column. */
export function ProductTable({ products, actions }: { products: Product[]; actions?: (product: Product) => ReactNode }) {
  return (
    <DataTable
      headers={[
        'SKU',
        'Product',
        { label: 'Price', numeric: true },
        { label: 'Min. order', numeric: true },
        'HSN / GST',
        ...(actions ? [''] : []),
      ]}
    >
      {products.map((product) => (
        <Table.Tr key={product.id} data-testid={`product-${product.sku}`}>
          <Table.Td>
            <Text ff="monospace" size="sm">
              {product.sku}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {product.name}{' '}
              {!product.active && (
                <Badge miw="max-content" size="xs" color="gray">
                  inactive
                </Badge>
              )}
            </Text>
            {product.description && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {product.description}
              </Text>
            )}
          </Table.Td>
          <NumberCell>
            {formatMoney(product.price, product.currency, { maxFractionDigits: 4 })} / {product.unit}
          </NumberCell>
          <NumberCell>{Number(product.minOrderQuantity) > 0 ? formatQuantity(product.minOrderQuantity, product.unit) : '—'}</NumberCell>
          <Table.Td>{product.hsnCode ? `${product.hsnCode} · ${Number(product.gstRate)}%` : '—'}</Table.Td>
          {actions && <Table.Td>{actions(product)}</Table.Td>}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
