import { Badge, Table, Text } from '@mantine/core';
import { formatMoney, formatQuantity } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable, NumberCell } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';
import type { TableSort } from '../../lib/list-params.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Product = RouterOutputs['catalog']['products']['list']['items'][number];

/**
 * Products as both the supplier and its buyers see them. The supplier's own list passes `sort`
 * (sortable headings and the update date) and `linkTo` (the name opens the product); `actions`
 * adds a last column.
 */
export function ProductTable({
  products,
  actions,
  sort,
  linkTo,
}: {
  products: Product[];
  actions?: (product: Product) => ReactNode;
  sort?: TableSort;
  linkTo?: (product: Product) => string;
}) {
  const Row = linkTo ? LinkRow : Table.Tr;
  return (
    <DataTable
      sort={sort}
      highlightOnHover={Boolean(linkTo)}
      headers={[
        { label: 'SKU', sort: 'sku' },
        { label: 'Product', sort: 'name' },
        { label: 'Price', numeric: true, sort: 'price' },
        { label: 'Min. order', numeric: true },
        'HSN / GST',
        ...(sort ? [{ label: 'Updated', sort: 'updated' }] : []),
        ...(actions ? [''] : []),
      ]}
    >
      {products.map((product) => (
        <Row key={product.id} data-testid={`product-${product.sku}`}>
          <Table.Td>
            <Text ff="monospace" size="sm">
              {product.sku}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" fw={500}>
              {linkTo ? <RowLink to={linkTo(product)}>{product.name}</RowLink> : product.name}{' '}
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
          {sort && <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(product.updatedAt)}</Table.Td>}
          {actions && <Table.Td>{actions(product)}</Table.Td>}
        </Row>
      ))}
    </DataTable>
  );
}
