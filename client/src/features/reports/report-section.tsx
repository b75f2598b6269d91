import { Button, Group, Paper, Table, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable, type QueryLike, QueryView } from '../../components/ui.tsx';
import { downloadCsv, toCsv } from './report-csv.ts';

/** A column of a report's table: what a person reads, and the plain value its CSV holds. */
export interface ReportColumn<Row> {
  header: string;
  show: (row: Row) => string;
  csv: (row: Row) => string;
  numeric?: boolean;
}

export interface ChartSeries<Row> {
  name: string;
  value: (row: Row) => number;
}

const COLORS = ['#1c7ed6', '#f08c00', '#2f9e44', '#ae3ec9'];

/** One report: its chart, the table behind it and a CSV of that table. */
export function ReportSection<Row>({
  title,
  query,
  columns,
  label,
  series,
  name,
  filename,
  controls,
}: {
  title: string;
  query: QueryLike<Row[]>;
  columns: ReportColumn<Row>[];
  /** The chart's category for a row (a supplier, a month, a stage). */
  label: (row: Row) => string;
  series: ChartSeries<Row>[];
  /** Stable id of the report (test id), e.g. `purchases-by-supplier`. */
  name: string;
  filename: string;
  controls?: ReactNode;
}) {
  return (
    <Paper withBorder p="lg" data-testid={`report-${name}`}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        <Group gap="xs">
          {controls}
          <Button
            size="xs"
            variant="light"
            disabled={!query.data?.length}
            onClick={() =>
              query.data &&
              downloadCsv(
                filename,
                toCsv(
                  columns.map((c) => c.header),
                  query.data.map((row) => columns.map((c) => c.csv(row))),
                ),
              )
            }
          >
            Download CSV
          </Button>
        </Group>
      </Group>
      <QueryView query={query} isEmpty={(rows) => rows.length === 0} empty="Nothing in this range.">
        {(rows) => (
          <>
            <div style={{ width: '100%', height: 260 }} role="img" aria-label={`${title} chart`}>
              <ResponsiveContainer>
                <BarChart
                  data={rows.map((row) => ({ label: label(row), ...Object.fromEntries(series.map((s) => [s.name, s.value(row)])) }))}
                >
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                  <YAxis tick={{ fontSize: 12 }} width={80} />
                  <Tooltip />
                  {series.length > 1 && <Legend />}
                  {series.map((s, index) => (
                    <Bar key={s.name} dataKey={s.name} fill={COLORS[index % COLORS.length]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <DataTable headers={columns.map((c) => c.header)} minWidth={480} mt="sm">
              {rows.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: report rows have no id and never reorder in place
                <Table.Tr key={index}>
                  {columns.map((c) => (
                    <Table.Td key={c.header} ta={c.numeric ? 'right' : undefined}>
                      {c.show(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </DataTable>
          </>
        )}
      </QueryView>
    </Paper>
  );
}
