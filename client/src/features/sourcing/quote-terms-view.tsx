import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import {
  describePaymentTerms,
  formatMoney,
  formatQuantity,
  type PaymentTermsKind,
  type QuoteTerms,
  type SupplierTender,
} from '@tradeloom/shared';
import { DataTable, NumberCell } from '../../components/ui.tsx';
import { formatDate } from '../../lib/format.ts';

/** Payment terms as the wire carries them (`days: null` when not on credit), in words. */
export const termsInWords = (terms: { kind: PaymentTermsKind; days: number | null } | null) =>
  describePaymentTerms(terms && { kind: terms.kind, days: terms.days ?? undefined });

/** A submitted quote read-only: its offers per item and its terms. */
export function QuoteTermsView({ terms, items }: { terms: QuoteTerms; items: SupplierTender['items'] }) {
  const itemOf = new Map(items.map((item) => [item.id, item]));
  const price = (amount: string) => formatMoney(amount, terms.currency, { maxFractionDigits: 4 });
  return (
    <Stack gap="sm">
      <DataTable
        headers={[
          'Item',
          { label: 'Unit price', numeric: true },
          { label: 'Quantity', numeric: true },
          { label: 'Freight / unit', numeric: true },
          'HSN · GST',
          'Notes',
        ]}
        minWidth={640}
      >
        {terms.lines.map((line) => {
          const item = itemOf.get(line.itemId);
          return (
            <Table.Tr key={line.id}>
              <Table.Td>
                {item ? `${item.lineNo}. ${item.description}` : 'Item'}
                {line.alternativeNo > 0 && (
                  <Text size="xs" c="dimmed">
                    Alternative {line.alternativeNo}: {line.description}
                  </Text>
                )}
              </Table.Td>
              <NumberCell>
                {price(line.unitPrice)}
                {line.unit && line.unit !== item?.unit ? ` / ${line.unit}` : ''}
              </NumberCell>
              <NumberCell>{line.quantity ? formatQuantity(line.quantity, line.unit ?? item?.unit ?? '') : 'all asked'}</NumberCell>
              <NumberCell>{Number(line.freightPerUnit) ? price(line.freightPerUnit) : '—'}</NumberCell>
              <Table.Td>
                {[line.hsnCode && `HSN ${line.hsnCode}`, line.taxRate && `GST ${Number(line.taxRate)}%`].filter(Boolean).join(' · ') || '—'}
              </Table.Td>
              <Table.Td>{line.notes ?? ''}</Table.Td>
            </Table.Tr>
          );
        })}
      </DataTable>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">Currency: {terms.currency}</Text>
        <Text size="sm">Lead time: {terms.leadTimeDays === null ? '—' : `${terms.leadTimeDays} days`}</Text>
        <Text size="sm">Valid until: {formatDate(terms.validUntil)}</Text>
        <Text size="sm">Payment: {termsInWords(terms.paymentTerms)}</Text>
      </Group>
      {terms.notes && <Text size="sm">Notes: {terms.notes}</Text>}
      {terms.attachments.length > 0 && (
        <Group gap="sm">
          <Text size="sm">Files:</Text>
          {terms.attachments.map((file) => (
            <Anchor key={file.fileId} href={`/files/${file.fileId}`} size="sm">
              {file.name}
            </Anchor>
          ))}
        </Group>
      )}
    </Stack>
  );
}
