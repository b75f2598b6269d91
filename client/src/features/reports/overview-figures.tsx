import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { formatMoney, formatQuantity } from '@tradeloom/shared';
import { Link } from 'react-router';
import { QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

/** The overview's money and work figures; each opens the list it counts. */
export function OverviewFigures() {
  const can = useCan();
  const overview = trpc.reports.overview.useQuery(undefined, { enabled: can('orders:read') });
  if (!can('orders:read')) return null;
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        Money and work
      </Title>
      <QueryView query={overview}>
        {(figures) => (
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Figure
              label="Open purchase orders"
              to="/orders?side=purchase&status=open"
              lines={moneyLines(figures.openPurchases)}
              testId="open-purchases"
            />
            <Figure
              label="Open sales orders"
              to="/orders?side=sales&status=open"
              lines={moneyLines(figures.openSales)}
              testId="open-sales"
            />
            <Figure
              label="Purchases due this week"
              to="/orders?side=purchase&due=thisWeek"
              lines={moneyLines(figures.dueThisWeek.purchases, 'None due')}
              testId="purchases-due"
            />
            <Figure
              label="Sales due this week"
              to="/orders?side=sales&due=thisWeek"
              lines={moneyLines(figures.dueThisWeek.sales, 'None due')}
              testId="sales-due"
            />
            <Figure
              label="Late purchase deliveries"
              to="/orders?side=purchase&due=late"
              lines={moneyLines(figures.late.purchases, 'None late')}
              testId="purchases-late"
            />
            <Figure
              label="Late sales deliveries"
              to="/orders?side=sales&due=late"
              lines={moneyLines(figures.late.sales, 'None late')}
              testId="sales-late"
            />
            {figures.production && (
              <>
                <Figure
                  label="Production due this week"
                  to="/production"
                  lines={[`${figures.production.dueThisWeek}`, `${figures.production.late} late`]}
                  testId="production-due"
                />
                <Figure
                  label="Production load"
                  to="/production"
                  lines={
                    figures.production.load.length
                      ? figures.production.load.map((stage) => `${stage.stage}: ${formatQuantity(stage.remaining, stage.unit)}`)
                      : ['Nothing on the floor']
                  }
                  testId="production-load"
                />
              </>
            )}
          </SimpleGrid>
        )}
      </QueryView>
    </Paper>
  );
}

function moneyLines(totals: { currency: string; orders: number; total: string }[], none = 'None open') {
  if (!totals.length) return [none];
  return totals.map((t) => `${formatMoney(t.total, t.currency)} · ${t.orders} ${t.orders === 1 ? 'order' : 'orders'}`);
}

function Figure({ label, lines, to, testId }: { label: string; lines: string[]; to: string; testId: string }) {
  const [first, ...rest] = lines;
  return (
    <Paper withBorder p="md" component={Link} to={to} data-testid={testId} style={{ textDecoration: 'none', color: 'inherit' }}>
      <Stack gap={2}>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text fw={700} size="lg">
          {first}
        </Text>
        {rest.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}
