import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { OfferSummary } from '@tradeloom/shared';
import { formatTradePrice } from '@tradeloom/shared';
import { Link } from 'react-router';
import { LinkRow, RowLink } from '../../components/row-link.tsx';
import { DataTable } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useNow } from '../tenders/tender-status.tsx';
import { OfferStatusBadge, SideBadge } from './desk-badges.tsx';
import { formatPlace, formatRemaining, keyQuality, timeLeft } from './desk-format.ts';

/** Where an offer opens: its detail page (td-ui-deal's screen). */
export const offerPath = (offerId: string) => `/desk/offers/${offerId}`;

/**
 * Offers as a table on a wide screen and as cards on a phone, where a dozen columns would only
 * scroll sideways. `mine` adds the status and the negotiations running on each.
 */
export function OfferList({ offers, mine = false }: { offers: OfferSummary[]; mine?: boolean }) {
  const narrow = useMediaQuery('(max-width: 48em)');
  const now = useNow();
  if (narrow) {
    return (
      <Stack gap="sm">
        {offers.map((offer) => (
          <OfferCard key={offer.id} offer={offer} mine={mine} now={now} />
        ))}
      </Stack>
    );
  }
  return (
    <DataTable
      highlightOnHover
      headers={[
        'Number',
        'Side',
        ...(mine ? ['Status'] : ['Company']),
        'Variety',
        { label: 'Quantity', numeric: true },
        { label: 'Price', numeric: true },
        'Quality',
        'Delivery',
        'Valid until',
      ]}
    >
      {offers.map((offer) => (
        <LinkRow key={offer.id} data-testid={`offer-${offer.number}`}>
          <Table.Td>
            <RowLink to={offerPath(offer.id)} monospace>
              {offer.number}
            </RowLink>
          </Table.Td>
          <Table.Td>
            <SideBadge side={offer.side} />
          </Table.Td>
          <Table.Td>{mine ? <MyOfferStatus offer={offer} /> : <CompanyName offer={offer} />}</Table.Td>
          <Table.Td miw={120}>{varietyOf(offer)}</Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
            {formatRemaining(offer.remainingQuantity, offer.quantity, offer.unit)}
          </Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={500}>
            {formatTradePrice(offer.price, offer.currency, offer.priceUnit)}
          </Table.Td>
          <Table.Td miw={160}>{keyQuality(offer.quality) || '—'}</Table.Td>
          <Table.Td miw={140}>{formatPlace(offer.deliveryCity, offer.deliveryStateCode, offer.deliveryTerm) || '—'}</Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(offer.validUntil)}
            <Text size="xs" c="dimmed">
              {timeLeft(offer.validUntil, now)}
            </Text>
          </Table.Td>
        </LinkRow>
      ))}
    </DataTable>
  );
}

const varietyOf = (offer: OfferSummary) => (offer.varietyName ? `${offer.varietyName} · ${offer.commodityName}` : offer.commodityName);

function CompanyName({ offer }: { offer: OfferSummary }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{offer.company.name}</Text>
      {offer.company.verified && (
        <Badge size="xs" variant="light" color="teal" title="Verified company">
          Verified
        </Badge>
      )}
    </Group>
  );
}

function MyOfferStatus({ offer }: { offer: OfferSummary }) {
  return (
    <Stack gap={2} align="flex-start">
      <OfferStatusBadge status={offer.status} />
      {offer.openNegotiations > 0 && (
        <Text size="xs" c="dimmed">
          {offer.openNegotiations === 1 ? '1 negotiation' : `${offer.openNegotiations} negotiations`}
        </Text>
      )}
    </Stack>
  );
}

function OfferCard({ offer, mine, now }: { offer: OfferSummary; mine: boolean; now: Date }) {
  const quality = keyQuality(offer.quality);
  const place = formatPlace(offer.deliveryCity, offer.deliveryStateCode, offer.deliveryTerm);
  return (
    <Paper withBorder p="sm" data-testid={`offer-${offer.number}`}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <SideBadge side={offer.side} />
            <Anchor component={Link} to={offerPath(offer.id)} ff="monospace" size="sm" fw={500}>
              {offer.number}
            </Anchor>
          </Group>
          {mine && <OfferStatusBadge status={offer.status} />}
        </Group>
        {!mine && <CompanyName offer={offer} />}
        <Text size="sm">{varietyOf(offer)}</Text>
        <Group justify="space-between" gap="xs">
          <Text size="sm">{formatRemaining(offer.remainingQuantity, offer.quantity, offer.unit)}</Text>
          <Text size="sm" fw={600}>
            {formatTradePrice(offer.price, offer.currency, offer.priceUnit)}
          </Text>
        </Group>
        {quality && (
          <Text size="xs" c="dimmed">
            {quality}
          </Text>
        )}
        {place && <Text size="xs">{place}</Text>}
        <Text size="xs" c="dimmed">
          Valid until {formatDateTime(offer.validUntil)} · {timeLeft(offer.validUntil, now)}
        </Text>
      </Stack>
    </Paper>
  );
}
