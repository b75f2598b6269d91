import { Alert, Button, FileButton, Group, Stack, Table, Textarea } from '@mantine/core';
import type { ImportReport } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../lib/errors.ts';
import { DataTable } from './ui.tsx';

/** The mutation of an import procedure (`catalog.import`, `masters.importLocations`): a dry run or the real thing. */
export interface CsvImportMutation {
  mutate: (input: { csv: string; dryRun: boolean }) => void;
  reset: () => void;
  data: ImportReport | undefined;
  error: unknown;
  isPending: boolean;
  variables: { dryRun?: boolean } | undefined;
}

/**
 * Paste or pick a CSV, check it (dry run: counts and every row's problem by line and column), then
 * apply: nothing is written until the check is clean. The caller's mutation reacts to the applied
 * report (refreshes its list, says what changed).
 */
export function CsvImportPanel({ help, example, mutation }: { help: ReactNode; example: string; mutation: CsvImportMutation }) {
  const [csv, setCsv] = useState('');
  const report = mutation.data;
  const checked = report && !report.applied && report.errors.length === 0;
  return (
    <Stack>
      {help}
      <Textarea
        label="CSV"
        placeholder={example}
        autosize
        minRows={6}
        maxRows={14}
        value={csv}
        onChange={(e) => {
          setCsv(e.currentTarget.value);
          mutation.reset();
        }}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <Group>
        <FileButton
          accept=".csv,text/csv"
          onChange={async (file) => {
            if (!file) return;
            setCsv(await file.text());
            mutation.reset();
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
          loading={mutation.isPending && mutation.variables?.dryRun}
          onClick={() => mutation.mutate({ csv, dryRun: true })}
        >
          Check
        </Button>
        <Button
          disabled={!checked}
          loading={mutation.isPending && !mutation.variables?.dryRun}
          onClick={() => mutation.mutate({ csv, dryRun: false })}
        >
          Apply
        </Button>
      </Group>
      {Boolean(mutation.error) && <Alert color="red">{errorMessage(mutation.error)}</Alert>}
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
