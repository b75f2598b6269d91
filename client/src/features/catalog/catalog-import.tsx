import { Code, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CsvImportPanel } from '../../components/csv-import-panel.tsx';
import { trpc } from '../../lib/trpc.ts';

const EXAMPLE =
  'sku,name,unit,price,hsn,commodity,min_order_quantity,active,description\nYRN-30C,30s combed cotton yarn,kg,265.50,5205,cotton-yarn,500,yes,Compact spun';

/** Paste or pick a CSV, check it (dry run), then apply: nothing is written until the check is clean. */
export function CatalogImport({ onDone }: { onDone: () => void }) {
  const utils = trpc.useUtils();
  const importCsv = trpc.catalog.import.useMutation({
    onSuccess: async (report) => {
      if (!report.applied) return;
      await utils.catalog.products.list.invalidate();
      notifications.show({
        color: 'teal',
        message: `Imported: ${report.creates} added, ${report.updates} updated, ${report.unchanged} unchanged.`,
      });
      onDone();
    },
  });
  return (
    <CsvImportPanel
      example={EXAMPLE}
      mutation={importCsv}
      help={
        <Text size="sm">
          Columns: <Code>sku, name, unit, price</Code> and optionally{' '}
          <Code>description, commodity, hsn, currency, min_order_quantity, active</Code>. Rows are matched by SKU: new SKUs are added, known
          ones updated.
        </Text>
      }
    />
  );
}
