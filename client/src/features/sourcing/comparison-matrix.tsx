import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import {
  COMPARISON_RULES,
  type ComparisonCell,
  type ComparisonSupplier,
  dec,
  describePaymentTerms,
  formatMoney,
  formatQuantity,
  TENDER_CRITERIA,
  TENDER_CRITERION_LABELS,
  type TenderComparison,
} from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../components/ui.tsx';
import { formatDate, trimZeros } from '../../lib/format.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

type AwardLine = Extract<RouterOutputs['sourcing']['tenders']['get'], { side: 'buyer' }>['awards'][number];

// Suppliers across, items down: each cell the offer normalised to the tender's unit and currency,
// landed (price + freight + GST). Below, each supplier's terms and weighted score. On a phone the
// table scrolls sideways inside its own box (DataTable), the item column staying readable.

const LOWEST_BG = 'var(--mantine-color-green-light)';

export function ComparisonMatrix({ comparison, awards = [] }: { comparison: TenderComparison; awards?: AwardLine[] }) {
  const { items, suppliers, currency } = comparison;
  const price = (amount: string | null) => (amount === null ? '—' : formatMoney(amount, currency, { maxFractionDigits: 4 }));
  const termRow = (label: string, render: (supplier: ComparisonSupplier) => ReactNode) => (
    <Table.Tr key={label}>
      <Table.Th scope="row">{label}</Table.Th>
      {suppliers.map((supplier) => (
        <Table.Td key={supplier.quoteId}>{render(supplier)}</Table.Td>
      ))}
    </Table.Tr>
  );
  return (
    <DataTable
      headers={['Item', ...suppliers.map((supplier) => supplier.supplierName)]}
      minWidth={200 + 230 * suppliers.length}
      verticalSpacing="sm"
      withColumnBorders
      data-testid="comparison-matrix"
      footer={[
        termRow('Lead time', (supplier) => (supplier.leadTimeDays === null ? 'Not said' : `${supplier.leadTimeDays} days`)),
        termRow('Payment terms', (supplier) =>
          supplier.paymentTerms
            ? describePaymentTerms({ kind: supplier.paymentTerms.kind, days: supplier.paymentTerms.days ?? undefined })
            : 'Not said',
        ),
        termRow('Valid until', (supplier) => formatDate(supplier.validUntil)),
        termRow('Landed total', (supplier) => (
          <Text fw={700} size="sm" data-testid={`landed-total-${supplier.supplierName}`}>
            {price(supplier.landedTotal)}
            <Text span size="xs" c="dimmed" fw={400}>
              {' '}
              ({supplier.itemsQuoted} of {items.length} items)
            </Text>
          </Text>
        )),
        termRow('Score', (supplier) => <Score supplier={supplier} comparison={comparison} />),
      ]}
    >
      {items.map((item) => (
        <Table.Tr key={item.id}>
          <Table.Th scope="row" style={{ verticalAlign: 'top', minWidth: 180 }}>
            <Text size="sm" fw={600}>
              {item.lineNo}. {item.description}
            </Text>
            <Text size="xs" c="dimmed" fw={400}>
              {formatQuantity(item.quantity, item.unit)}
              {item.targetPrice && ` · target ${price(item.targetPrice)} / ${item.unit}`}
            </Text>
          </Table.Th>
          {suppliers.map((supplier) => {
            const offers = comparison.cells
              .filter((cell) => cell.itemId === item.id && cell.quoteId === supplier.quoteId)
              .sort((a, b) => a.alternativeNo - b.alternativeNo);
            const main = offers.find((cell) => cell.alternativeNo === 0);
            const awarded = awards.filter((award) => award.itemId === item.id && award.quoteId === supplier.quoteId);
            return (
              <Table.Td
                key={supplier.quoteId}
                style={{ verticalAlign: 'top', background: main?.lowest ? LOWEST_BG : undefined }}
                data-testid={`cell-${item.lineNo}-${supplier.supplierName}`}
              >
                <Stack gap={6}>
                  {offers.length === 0 && (
                    <Text size="sm" c="dimmed">
                      Not quoted
                    </Text>
                  )}
                  {main && <Offer cell={main} unit={item.unit} currency={currency} askedQuantity={item.quantity} />}
                  {offers
                    .filter((cell) => cell.alternativeNo !== 0)
                    .map((cell) => (
                      <Stack key={cell.quoteLineId} gap={2} pl="xs" style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}>
                        <Text size="xs" fw={600}>
                          Alternative {cell.alternativeNo}
                          {cell.description ? `: ${cell.description}` : ''}
                        </Text>
                        <Offer cell={cell} unit={item.unit} currency={currency} askedQuantity={item.quantity} />
                      </Stack>
                    ))}
                  {awarded.map((award) => (
                    <Group key={`${award.orderId}-${award.quantity}`} gap={4}>
                      <Badge color="blue" variant="filled">
                        Awarded {formatQuantity(trimZeros(award.quantity), item.unit)}
                      </Badge>
                      <Anchor component={Link} to={`/orders/${award.orderId}`} size="xs">
                        {award.orderNumber ?? 'Order'}
                      </Anchor>
                    </Group>
                  ))}
                </Stack>
              </Table.Td>
            );
          })}
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/** How the figures are made, in the words the server computes them by (shared COMPARISON_RULES). */
export function ComparisonRules() {
  return (
    <details>
      <summary style={{ cursor: 'pointer' }}>
        <Text span size="sm">
          How this is compared
        </Text>
      </summary>
      <Stack gap={4} mt="xs">
        {[COMPARISON_RULES.normalise, COMPARISON_RULES.landed, COMPARISON_RULES.lowest].map((rule) => (
          <Text key={rule} size="sm">
            {rule}
          </Text>
        ))}
        {TENDER_CRITERIA.map((criterion) => (
          <Text key={criterion} size="sm">
            {TENDER_CRITERION_LABELS[criterion]}: {COMPARISON_RULES.criteria[criterion]}
          </Text>
        ))}
        <Text size="sm">{COMPARISON_RULES.points}</Text>
      </Stack>
    </details>
  );
}

/** One priced offer: landed cost first, then what it is made of, then how it was quoted if different. */
function Offer({ cell, unit, currency, askedQuantity }: { cell: ComparisonCell; unit: string; currency: string; askedQuantity: string }) {
  const price = (amount: string | null) => (amount === null ? '—' : formatMoney(amount, currency, { maxFractionDigits: 4 }));
  const quotedDiffers = cell.quotedCurrency !== currency || cell.quotedUnit !== unit;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {cell.landedUnitCost === null ? 'Not comparable yet' : `${price(cell.landedUnitCost)} / ${unit}`}
        </Text>
        {cell.lowest && (
          <Badge color="green" variant="filled" size="sm">
            Lowest
          </Badge>
        )}
      </Group>
      {cell.landedUnitCost !== null && (
        <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
          Price {price(cell.unitPrice)} + freight {price(cell.freightPerUnit)} + GST{' '}
          {cell.taxRate === null ? 'not said' : `${trimZeros(cell.taxRate)}%`}
        </Text>
      )}
      <Text size="xs" style={{ fontVariantNumeric: 'tabular-nums' }}>
        Landed total {price(cell.landedTotal)}
      </Text>
      {cell.quantity !== null && dec(cell.quantity).lessThan(askedQuantity) && (
        <Text size="xs" c="orange.8">
          Can supply {formatQuantity(trimZeros(cell.quantity), unit)}
        </Text>
      )}
      {quotedDiffers && (
        <Text size="xs" c="dimmed">
          Quoted {formatMoney(cell.quotedUnitPrice, cell.quotedCurrency, { maxFractionDigits: 4 })} / {cell.quotedUnit}
        </Text>
      )}
      {cell.missing && (
        <Text size="xs" c="orange.8">
          Needs the {cell.missing}
        </Text>
      )}
    </Stack>
  );
}

/** The weighted score and what each criterion added: "Price 60% × 92 = 55.2". */
function Score({ supplier, comparison }: { supplier: ComparisonSupplier; comparison: TenderComparison }) {
  if (supplier.score === null)
    return (
      <Text size="sm" c="dimmed">
        {comparison.criteria.length === 0 ? 'No criteria set on this tender' : 'Scored once every rate is entered'}
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="sm" fw={700}>
        {trimZeros(supplier.score)} of 100
      </Text>
      {supplier.contributions.map((part) => (
        <Text key={part.criterion} size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {TENDER_CRITERION_LABELS[part.criterion]} {part.weight}% × {trimZeros(part.score)} = {trimZeros(part.points)}
        </Text>
      ))}
    </Stack>
  );
}
