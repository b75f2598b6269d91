import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { TENDER_STATUS_LABELS } from '@tradeloom/shared';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { type NotFoundBack, NotFoundState, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { AwardForm } from './award-form.tsx';
import { ComparisonMatrix, ComparisonRules } from './comparison-matrix.tsx';
import { ConversionsForm, MissingConversionsNotice } from './conversions-form.tsx';

type BuyerTender = Extract<RouterOutputs['sourcing']['tenders']['get'], { side: 'buyer' }>;

const TENDER_NOT_FOUND: NotFoundBack = { title: 'Tender not found', to: '/tenders', label: 'Back to tenders' };

/**
 * The buyer's comparison of a closed tender's quotes, and the award. Before closing the quotes are
 * sealed (the server answers no prices), so the page says until when and shows no figure.
 */
export function TenderComparePage() {
  const { tenderId = '' } = useParams();
  const tender = trpc.sourcing.tenders.get.useQuery({ tenderId });
  return (
    <QueryView query={tender} notFound={TENDER_NOT_FOUND}>
      {(data) =>
        // A supplier's view of the tender never compares: the comparison is the buyer's alone.
        data.side === 'buyer' ? <Comparison tender={data} /> : <NotFoundState {...TENDER_NOT_FOUND} />
      }
    </QueryView>
  );
}

function Comparison({ tender }: { tender: BuyerTender }) {
  const utils = trpc.useUtils();
  const can = useCan();
  const comparable = tender.status === 'closed' || tender.status === 'awarded';
  const comparison = trpc.sourcing.tenders.compare.useQuery({ tenderId: tender.id }, { enabled: comparable });
  useRefetchAtClosing(tender);
  const onAwarded = () =>
    Promise.all([
      utils.sourcing.tenders.get.invalidate({ tenderId: tender.id }),
      utils.sourcing.tenders.compare.invalidate({ tenderId: tender.id }),
      utils.sourcing.tenders.list.invalidate(),
      utils.orders.list.invalidate(),
    ]);
  return (
    <Stack>
      <Breadcrumbs
        items={[{ label: 'Tenders', to: '/tenders' }, { label: tender.number, to: `/tenders/${tender.id}` }, { label: 'Comparison' }]}
      />
      <PageHeader
        title={`Compare quotes — ${tender.number}`}
        description={tender.title}
        actions={
          <Group>
            <Badge variant="light">{TENDER_STATUS_LABELS[tender.status]}</Badge>
            {comparable && <ExportCsvButton list="tender-comparison" filters={{ tenderId: tender.id }} />}
          </Group>
        }
      />
      {tender.status === 'cancelled' && (
        <Alert color="gray" title="This tender was cancelled">
          {tender.cancelReason ? `Reason: ${tender.cancelReason}. ` : ''}Nothing is compared or awarded; its quotes stay sealed.
        </Alert>
      )}
      {tender.status === 'draft' && (
        <Alert color="blue" title="Not published yet">
          Publish the tender and invite suppliers; their quotes can be compared once it closes.
        </Alert>
      )}
      {tender.status === 'open' && (
        <Alert color="blue" title={`Quotes stay sealed until ${formatDateTime(tender.closesAt)}`} data-testid="sealed-notice">
          {tender.quotes.length === 1 ? 'One supplier has' : `${tender.quotes.length} suppliers have`} quoted so far. Prices and terms
          appear here once the tender closes.
        </Alert>
      )}
      {comparable && (
        <QueryView
          query={comparison}
          isEmpty={(data) => data.suppliers.length === 0}
          empty="No supplier quoted on this tender, so there is nothing to compare."
        >
          {(data) => (
            <Stack>
              {tender.status === 'awarded' && <AwardedOrders tender={tender} />}
              <MissingConversionsNotice comparison={data} />
              <Paper withBorder p={0}>
                <ComparisonMatrix comparison={data} awards={tender.awards} />
              </Paper>
              <ComparisonRules />
              {tender.status === 'closed' && can('sourcing:write') && (
                <>
                  {/* Re-mounted when the rates change, so the inputs start from what is saved. */}
                  <ConversionsForm key={JSON.stringify([data.conversions, data.missingConversions])} comparison={data} />
                  {tender.actions.includes('award') && (
                    <AwardForm
                      key={JSON.stringify(data.cells.map((cell) => cell.landedUnitCost))}
                      comparison={data}
                      onAwarded={onAwarded}
                    />
                  )}
                </>
              )}
              {tender.status === 'closed' && !can('sourcing:write') && (
                <Text size="sm" c="dimmed">
                  A colleague with sourcing rights enters missing rates and awards this tender.
                </Text>
              )}
            </Stack>
          )}
        </QueryView>
      )}
    </Stack>
  );
}

/** The orders the award made, one per winning supplier, each a link. */
function AwardedOrders({ tender }: { tender: BuyerTender }) {
  const orders = [...new Map(tender.awards.map((award) => [award.orderId, award])).values()];
  return (
    <Paper withBorder p="lg" data-testid="awarded-orders">
      <Title order={4} mb="xs">
        Awarded{tender.awardedAt ? ` on ${formatDateTime(tender.awardedAt)}` : ''}:{' '}
        {orders.length === 1 ? 'one order' : `${orders.length} orders`}
      </Title>
      <Stack gap={4}>
        {orders.map((award) => (
          <Text key={award.orderId} size="sm">
            <Anchor component={Link} to={`/orders/${award.orderId}`}>
              {award.orderNumber ?? 'Purchase order'}
            </Anchor>{' '}
            to {award.supplierName}
          </Text>
        ))}
      </Stack>
    </Paper>
  );
}

/** While sealed, asks again just after the deadline: the clock closes the tender then. */
function useRefetchAtClosing(tender: BuyerTender) {
  const utils = trpc.useUtils();
  useEffect(() => {
    if (tender.status !== 'open') return;
    const wait = new Date(tender.closesAt).getTime() - Date.now() + 3_000;
    // A timer far ahead would overflow setTimeout; live updates cover long waits.
    if (wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => void utils.sourcing.tenders.get.invalidate({ tenderId: tender.id }), Math.max(wait, 1_000));
    return () => clearTimeout(timer);
  }, [tender.status, tender.closesAt, tender.id, utils]);
}
