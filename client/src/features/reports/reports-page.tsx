import { Group, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { CycleTime, MonthTotal, PartnerTotal, ProductTotal, StageLoadByMonth } from '@tradeloom/shared';
import { formatMoney, formatQuantity } from '@tradeloom/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { type ReportColumn, ReportSection } from './report-section.tsx';

const STAGE_LABELS: Record<CycleTime['stage'], string> = {
  submitted_to_accepted: 'Submitted → accepted',
  accepted_to_delivered: 'Accepted → delivered',
  submitted_to_delivered: 'Submitted → delivered',
};

const moneyColumns = <Row extends { currency: string; orders: number; total: string }>(): ReportColumn<Row>[] => [
  { header: 'Orders', show: (r) => String(r.orders), csv: (r) => String(r.orders), numeric: true },
  { header: 'Currency', show: (r) => r.currency, csv: (r) => r.currency },
  { header: 'Total', show: (r) => formatMoney(r.total, r.currency), csv: (r) => r.total, numeric: true },
];
const partnerColumns = (header: string): ReportColumn<PartnerTotal>[] => [
  { header, show: (r) => r.partnerName, csv: (r) => r.partnerName },
  ...moneyColumns<PartnerTotal>(),
];
const monthColumns: ReportColumn<MonthTotal>[] = [
  { header: 'Month', show: (r) => r.month, csv: (r) => r.month },
  ...moneyColumns<MonthTotal>(),
];
const productColumns: ReportColumn<ProductTotal>[] = [
  { header: 'Product', show: (r) => r.product, csv: (r) => r.product },
  { header: 'Quantity', show: (r) => formatQuantity(r.quantity, r.unit), csv: (r) => r.quantity, numeric: true },
  { header: 'Unit', show: (r) => r.unit, csv: (r) => r.unit },
  ...moneyColumns<ProductTotal>(),
];
const days = (value: string | null) => (value === null ? '—' : `${value} days`);
const cycleColumns: ReportColumn<CycleTime>[] = [
  { header: 'Step', show: (r) => STAGE_LABELS[r.stage], csv: (r) => STAGE_LABELS[r.stage] },
  { header: 'Orders', show: (r) => String(r.orders), csv: (r) => String(r.orders), numeric: true },
  { header: 'Median', show: (r) => days(r.medianDays), csv: (r) => r.medianDays ?? '', numeric: true },
  { header: '90th percentile', show: (r) => days(r.p90Days), csv: (r) => r.p90Days ?? '', numeric: true },
];
const loadColumns: ReportColumn<StageLoadByMonth>[] = [
  { header: 'Month', show: (r) => r.month, csv: (r) => r.month },
  { header: 'Stage', show: (r) => r.stage, csv: (r) => r.stage },
  { header: 'Planned', show: (r) => formatQuantity(r.plannedQuantity, r.unit), csv: (r) => r.plannedQuantity, numeric: true },
  { header: 'Completed', show: (r) => formatQuantity(r.completedQuantity, r.unit), csv: (r) => r.completedQuantity, numeric: true },
  { header: 'Open', show: (r) => formatQuantity(r.openQuantity, r.unit), csv: (r) => r.openQuantity, numeric: true },
  { header: 'Unit', show: (r) => r.unit, csv: (r) => r.unit },
];
const totalSeries = [{ name: 'Total', value: (r: { total: string }) => Number(r.total) }];

/** Purchases, sales, cycle times and production load over a date range, each with its table and CSV. */
export function ReportsPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const partnerId = params.get('partner');
  const [cycleSide, setCycleSide] = useState<'purchase' | 'sales'>('purchase');
  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const rangeError = from && to && to < from ? 'must not be before From' : null;
  const range = { from: from || undefined, to: to || undefined };
  const filters = { ...range, partnerId: partnerId ?? undefined };
  const enabled = !rangeError;
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const suffix = [from, to].filter(Boolean).join('_');
  const file = (name: string) => `${name}${suffix ? `-${suffix}` : ''}.csv`;

  const bySupplier = trpc.reports.purchasesBySupplier.useQuery(filters, { enabled });
  const byMonth = trpc.reports.purchasesByMonth.useQuery(filters, { enabled });
  const byProduct = trpc.reports.salesByProduct.useQuery(filters, { enabled });
  const byBuyer = trpc.reports.salesByBuyer.useQuery(filters, { enabled });
  const cycle = trpc.reports.cycleTimes.useQuery({ ...filters, side: cycleSide }, { enabled });
  const load = trpc.reports.productionLoad.useQuery(range, { enabled: enabled && can('production:read') });

  return (
    <Stack>
      <PageHeader title="Reports" description="Trade and production over the dates you choose, by order date." />
      <Group align="flex-start">
        <TextInput type="date" label="From" value={from} onChange={(e) => setParam('from', e.currentTarget.value)} />
        <TextInput type="date" label="To" value={to} error={rangeError} onChange={(e) => setParam('to', e.currentTarget.value)} />
        <Select
          label="Partner"
          placeholder="All partners"
          clearable
          searchable
          data={(partners.data?.items ?? []).map((link) => ({ value: link.partnerId, label: link.partnerName }))}
          value={partnerId}
          onChange={(value) => setParam('partner', value)}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ReportSection
          title="Purchases by supplier"
          query={bySupplier}
          columns={partnerColumns('Supplier')}
          label={(r) => r.partnerName}
          series={totalSeries}
          name="purchases-by-supplier"
          filename={file('purchases-by-supplier')}
        />
        <ReportSection
          title="Purchases by month"
          query={byMonth}
          columns={monthColumns}
          label={(r) => r.month}
          series={totalSeries}
          name="purchases-by-month"
          filename={file('purchases-by-month')}
        />
        <ReportSection
          title="Sales by product"
          query={byProduct}
          columns={productColumns}
          label={(r) => r.product}
          series={totalSeries}
          name="sales-by-product"
          filename={file('sales-by-product')}
        />
        <ReportSection
          title="Sales by buyer"
          query={byBuyer}
          columns={partnerColumns('Buyer')}
          label={(r) => r.partnerName}
          series={totalSeries}
          name="sales-by-buyer"
          filename={file('sales-by-buyer')}
        />
        <ReportSection
          title="Order cycle times"
          query={cycle}
          columns={cycleColumns}
          label={(r) => STAGE_LABELS[r.stage]}
          series={[
            { name: 'Median days', value: (r) => Number(r.medianDays ?? 0) },
            { name: '90th percentile days', value: (r) => Number(r.p90Days ?? 0) },
          ]}
          name="cycle-times"
          filename={file(`cycle-times-${cycleSide}`)}
          controls={
            <SegmentedControl
              size="xs"
              aria-label="Orders measured"
              value={cycleSide}
              onChange={(value) => setCycleSide(value as 'purchase' | 'sales')}
              data={[
                { value: 'purchase', label: 'Purchases' },
                { value: 'sales', label: 'Sales' },
              ]}
            />
          }
        />
        {can('production:read') && (
          <ReportSection
            title="Production load per stage"
            query={load}
            columns={loadColumns}
            label={(r) => `${r.month} ${r.stage}`}
            series={[
              { name: 'Completed', value: (r) => Number(r.completedQuantity) },
              { name: 'Open', value: (r) => Number(r.openQuantity) },
            ]}
            name="production-load"
            filename={file('production-load')}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}
