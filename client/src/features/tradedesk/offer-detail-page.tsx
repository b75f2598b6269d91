import { Anchor, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatTradePrice, formatTradeQuantity, OFFER_VISIBILITY_LABELS, type OfferView } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import {
  type MasterNames,
  NegotiationStatusBadge,
  OFFER_NOT_FOUND,
  QualityRangesTable,
  useMasterNames,
  VerifiedBadge,
} from './deal-format.tsx';
import { OfferStatusBadge, SideBadge } from './desk-badges.tsx';
import { formatRemaining } from './desk-format.ts';
import { MatchPanel } from './match-panel.tsx';
import { TermsForm } from './terms-form.tsx';

/** One offer: its terms, and for its owner the negotiations on it and the offers that match it. */
export function OfferDetailPage() {
  const { offerId = '' } = useParams();
  const offer = trpc.tradedesk.offers.get.useQuery({ offerId });
  return (
    <QueryView query={offer} notFound={OFFER_NOT_FOUND}>
      {(data) => <OfferDetail offer={data} />}
    </QueryView>
  );
}

function OfferDetail({ offer }: { offer: OfferView }) {
  const can = useCan();
  const writer = can('tradedesk:write');
  const names = useMasterNames(offer.commodityCode);
  const [params, setParams] = useSearchParams();
  // `?negotiate=1` (from a match row) opens the proposal form straight away.
  const negotiating = offer.canNegotiate && writer && params.get('negotiate') === '1';
  const setNegotiating = (open: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (open) next.set('negotiate', '1');
        else next.delete('negotiate');
        return next;
      },
      { replace: true },
    );
  const mine = offer.negotiations.find((n) => n.status === 'open' && n.myRole === 'counterparty');
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Desk', to: '/desk' }, { label: offer.number }]} />
      <PageHeader
        title={`Offer ${offer.number}`}
        description={`${offer.commodityName}${offer.varietyName ? ` · ${offer.varietyName}` : ''}`}
        actions={
          <Group gap="xs">
            <SideBadge side={offer.side} />
            <OfferStatusBadge status={offer.status} />
          </Group>
        }
      />
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap={6}>
            <Text fw={600}>{offer.mine ? 'Your offer' : offer.company.name}</Text>
            <VerifiedBadge verified={offer.company.verified} />
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <Fact label="Quantity open" testId="offer-remaining">
              {formatRemaining(offer.remainingQuantity, offer.quantity, offer.unit)}
            </Fact>
            <Fact label="Price" testId="offer-price">
              {formatTradePrice(offer.price, offer.currency, offer.priceUnit)}
            </Fact>
            <Fact label="Valid until">{formatDateTime(offer.validUntil)}</Fact>
            <Fact label="Seen by">{OFFER_VISIBILITY_LABELS[offer.visibility]}</Fact>
          </SimpleGrid>
          <OfferActions offer={offer} writer={writer} onNegotiate={() => setNegotiating(true)} existing={mine?.id} />
        </Stack>
      </Paper>
      {negotiating && <TermsForm mode="open" offer={offer} onCancel={() => setNegotiating(false)} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <QualityTable offer={offer} names={names} />
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            Delivery and payment
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Fact label="Delivery at">{[offer.deliveryCity, offer.deliveryStateCode].filter(Boolean).join(', ') || '—'}</Fact>
            <Fact label="Delivery term">{offer.deliveryTerm ? names.term(offer.deliveryTerm) : '—'}</Fact>
            <Fact label="Delivery period">
              {offer.deliveryFrom || offer.deliveryTo ? `${formatDate(offer.deliveryFrom)} to ${formatDate(offer.deliveryTo)}` : '—'}
            </Fact>
            <Fact label="Payment">
              {[offer.paymentTerm ? names.term(offer.paymentTerm) : null, offer.paymentDays !== null ? `${offer.paymentDays} days` : null]
                .filter(Boolean)
                .join(', ') || '—'}
            </Fact>
          </SimpleGrid>
          {offer.notes && (
            <Text size="sm" mt="sm">
              {offer.notes}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
      {offer.lot && <LotPanel lot={offer.lot} names={names} />}
      {offer.negotiations.length > 0 && <NegotiationsOnOffer offer={offer} />}
      {offer.mine && <MatchPanel offerId={offer.id} canNegotiate={writer} />}
      <DocumentConversation
        about={{ type: 'offer', id: offer.id }}
        title={offer.mine ? 'Conversations about this offer' : `Conversation with ${offer.company.name}`}
      />
    </Stack>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

/** The owner withdraws; another company negotiates (or goes back to the negotiation it has open). */
function OfferActions({
  offer,
  writer,
  onNegotiate,
  existing,
}: {
  offer: OfferView;
  writer: boolean;
  onNegotiate: () => void;
  existing: string | undefined;
}) {
  const [withdrawing, setWithdrawing] = useState(false);
  if (!writer) return null;
  return (
    <Group gap="xs">
      {existing && (
        <Button component={Link} to={`/negotiations/${existing}`} variant="light">
          Open your negotiation
        </Button>
      )}
      {offer.canNegotiate && !existing && <Button onClick={onNegotiate}>Negotiate</Button>}
      {offer.canWithdraw && (
        <Button variant="light" color="red" onClick={() => setWithdrawing(true)}>
          Withdraw
        </Button>
      )}
      <Modal opened={withdrawing} onClose={() => setWithdrawing(false)} title={`Withdraw ${offer.number}?`}>
        <WithdrawForm offer={offer} onDone={() => setWithdrawing(false)} />
      </Modal>
    </Group>
  );
}

function WithdrawForm({ offer, onDone }: { offer: OfferView; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [reason, setReason] = useState('');
  const withdraw = trpc.tradedesk.offers.withdraw.useMutation({
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: `${offer.number} is off the desk.` });
      await utils.tradedesk.invalidate();
      onDone();
    },
    onError: (error) => {
      void utils.tradedesk.offers.get.invalidate({ offerId: offer.id });
      notifications.show({ color: 'red', message: errorMessage(error) });
    },
  });
  const running = offer.negotiations.filter((n) => n.status === 'open').length;
  return (
    <Stack>
      <Text size="sm">
        Nobody can negotiate on it any more.
        {running > 0 && ` The ${running} negotiation${running === 1 ? '' : 's'} still open on it end too.`} Contracts already made stand.
      </Text>
      <Textarea label="Reason (optional)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onDone}>
          Keep it
        </Button>
        <Button
          color="red"
          loading={withdraw.isPending}
          onClick={() => withdraw.mutate({ offerId: offer.id, version: offer.version, reason: reason.trim() || undefined })}
        >
          Withdraw offer
        </Button>
      </Group>
    </Stack>
  );
}

function QualityTable({ offer, names }: { offer: OfferView; names: MasterNames }) {
  const ranges = Object.entries(offer.quality);
  return (
    <Paper withBorder p="md" data-testid="offer-quality">
      <Title order={4} mb="xs">
        Quality
      </Title>
      <QualityRangesTable
        ranges={ranges}
        names={names}
        rangeHeader="Range"
        empty={`No quality ranges stated${offer.lot ? ': see the lot’s test results below' : ''}.`}
      />
    </Paper>
  );
}

function LotPanel({ lot, names }: { lot: NonNullable<OfferView['lot']>; names: MasterNames }) {
  const values = Object.entries(lot.quality.values);
  return (
    <Paper withBorder p="md" data-testid="offer-lot">
      <Title order={4} mb="xs">
        Lot {lot.number}
      </Title>
      <Text size="sm" mb="xs">
        {lot.bales} bales · {lot.netWeightKg} kg net · {lot.city}, {lot.stateCode}
        {lot.warehouse ? ` (${lot.warehouse})` : ''} · crop {lot.cropYear}
      </Text>
      <DataTable headers={['HVI result', { label: 'Value', numeric: true }]} minWidth={280}>
        {values.map(([code, value]) => (
          <Table.Tr key={code}>
            <Table.Td>{names.parameter(code)}</Table.Td>
            <NumberCell>{value}</NumberCell>
          </Table.Tr>
        ))}
        {lot.quality.colourGrade && (
          <Table.Tr>
            <Table.Td>Colour grade</Table.Td>
            <NumberCell>{lot.quality.colourGrade}</NumberCell>
          </Table.Tr>
        )}
      </DataTable>
    </Paper>
  );
}

function NegotiationsOnOffer({ offer }: { offer: OfferView }) {
  return (
    <Paper withBorder p="md" data-testid="offer-negotiations">
      <Title order={4} mb="xs">
        {offer.mine ? 'Negotiations on this offer' : 'Your negotiations on this offer'}
      </Title>
      <DataTable headers={['With', 'Status', 'Version', 'Latest price', 'Quantity', 'Turn']} minWidth={560}>
        {offer.negotiations.map((n) => (
          <Table.Tr key={n.id}>
            <Table.Td>
              <Anchor component={Link} to={`/negotiations/${n.id}`} size="sm">
                {n.counterparty.name}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <NegotiationStatusBadge status={n.status} />
            </Table.Td>
            <NumberCell>{n.currentVersion}</NumberCell>
            <Table.Td>{formatTradePrice(n.latestTerms.price, n.latestTerms.currency, n.latestTerms.priceUnit)}</Table.Td>
            <Table.Td>{formatTradeQuantity(n.latestTerms.quantity, n.latestTerms.unit)}</Table.Td>
            <Table.Td>{n.status === 'open' ? (n.yourTurn ? 'Yours' : 'Theirs') : '—'}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Paper>
  );
}
