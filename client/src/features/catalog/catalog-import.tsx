import { Alert, Button, Code, FileButton, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DataTable } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';

const EXAMPLE =
  'sku,name,unit,price,hsn,commodity,min_order_quantity,active,description\nYRN-30C,30s combed cotton yarn,kg,265.50,5205,cotton-yarn,500,yes,Compact spun';

/** Paste or pick a CSV, check it (dry run), then apply: nothing is written until the check is clean. */
export function CatalogImport({ onDone }: { onDone: () => void }) {
  const utils = trpc.useUtils();
  const [csv, setCsv] = useState('');
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
  const report = importCsv.data;
  const checked = report && !report.applied && report.errors.length === 0;
  return (
    <Stack>
      <Text size="sm">
        Columns: <Code>sku, name, unit, price</Code> and optionally{' '}
        <Code>description, commodity, hsn, currency, min_order_quantity, active</Code>. Rows are matched by SKU: new SKUs are added, known
        ones updated.
      </Text>
      <Textarea
        label="CSV"
        placeholder={EXAMPLE}
        autosize
        minRows={6}
        maxRows={14}
        value={csv}
        onChange={(e) => {
          setCsv(e.currentTarget.value);
          importCsv.reset();
        }}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <Group>
        <FileButton
          accept=".csv,text/csv"
          onChange={async (file) => {
            if (!file) return;
            setCsv(await file.text());
            importCsv.reset();
          }}
        >
          {(props) => (
            <Button variant="default" {...props}>
              Choose a file…
            </Button>
          )}
        </FileButton>
        <Button
          variant="light"
          disabled={!csv}
          loading={importCsv.isPending && importCsv.variables?.dryRun}
          onClick={() => importCsv.mutate({ csv, dryRun: true })}
        >
          Check
        </Button>
        <Button
          disabled={!checked}
          loading={importCsv.isPending && !importCsv.variables?.dryRun}
          onClick={() => importCsv.mutate({ csv, dryRun: false })}
        >
          Apply
        </Button>
      </Group>
      {importCsv.error && <Alert color="red">{errorMessage(importCsv.error)}</Alert>}
      {report && !report.applied && (
        <Alert
          color={report.errors.length ? 'red' : 'teal'}
          title={report.errors.length ? `${report.errors.length} problem(s); nothing was written` : 'Ready to apply'}
        >
          {report.rows} rows: {report.creates} to add, {report.updates} to update, {report.unchanged} unchanged.
        </Alert>
      )}
      {report && report.errors.length > 0 && (
        <DataTable headers={['Line', 'Column', 'Problem']}>
          {report.errors.map((error) => (
            <Table.Tr key={`${error.row}-${error.column}`}>
              <Table.Td>{error.row}</Table.Td>
              <Table.Td>{error.column}</Table.Td>
              <Table.Td>{error.message}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Stack>
  );
}
