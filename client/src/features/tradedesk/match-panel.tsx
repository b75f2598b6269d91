import { Anchor, Badge, Button, Collapse, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { OfferMatch } from '@tradeloom/shared';
import { formatTradePrice, formatTradeQuantity } from '@tradeloom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, NumberCell, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { VerifiedBadge } from './deal-format.tsx';
import { FACTOR_LABELS, formatPoints, scoreColor } from './match-score.ts';

/**
 * The opposite-side offers that fit the owner's offer, best first. Each score opens into the
 * factors that make it, so the user can check the sum: weight × score / 100 = contribution.
 */
export function MatchPanel({ offerId, canNegotiate }: { offerId: string; canNegotiate: boolean }) {
  const matches = trpc.tradedesk.matches.useQuery({ offerId });
  return (
    <Paper withBorder p="md" data-testid="matches">
      <Title order={4} mb="xs">
        Matches
      </Title>
      <QueryView
        query={matches}
        isEmpty={(rows) => rows.length === 0}
        empty="No offer on the other side fits this one yet. New offers that match it well are notified to you."
      >
        {(rows) => (
          <Stack gap="xs">
            {rows.map((match, index) => (
              <MatchRow key={match.offerId} match={match} rank={index + 1} canNegotiate={canNegotiate} />
            ))}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

function MatchRow({ match, rank, canNegotiate }: { match: OfferMatch; rank: number; canNegotiate: boolean }) {
  const [open, setOpen] = useState(false);
  const { offer } = match;
  return (
    <Paper withBorder p="sm" data-testid={`match-${offer.number}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2} miw={0} style={{ flex: '1 1 220px' }}>
          <Group gap={6} wrap="wrap">
            <Text size="sm" c="dimmed">
              #{rank}
            </Text>
            <Anchor component={Link} to={`/desk/offers/${offer.id}`} ff="monospace" size="sm">
              {offer.number}
            </Anchor>
            <Text size="sm" fw={600} truncate>
              {offer.company.name}
            </Text>
            <VerifiedBadge verified={offer.company.verified} />
          </Group>
          <Text size="sm">
            {formatTradeQuantity(offer.remainingQuantity, offer.unit)} at {formatTradePrice(offer.price, offer.currency, offer.priceUnit)}
            {offer.deliveryCity ? ` · ${offer.deliveryCity}` : ''}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Badge size="lg" variant="light" color={scoreColor(match.score)} data-testid="match-score">
            {match.score} / 100
          </Badge>
          <Button size="xs" variant="default" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
            {open ? 'Hide breakdown' : 'Why this score'}
          </Button>
          {canNegotiate && (
            <Button size="xs" component={Link} to={`/desk/offers/${offer.id}?negotiate=1`}>
              Negotiate
            </Button>
          )}
        </Group>
      </Group>
      <Collapse expanded={open}>
        <ScoreBreakdown match={match} />
      </Collapse>
    </Paper>
  );
}

/** Each factor with its weight, its own score, the points it adds and why, adding up to the total. */
export function ScoreBreakdown({ match }: { match: OfferMatch }) {
  return (
    <Stack gap={4} mt="sm" data-testid="score-breakdown">
      <DataTable
        headers={['Factor', { label: 'Weight', numeric: true }, 'Fit', { label: 'Points', numeric: true }, 'Why']}
        minWidth={560}
        footer={
          <Table.Tr>
            <Table.Th colSpan={3}>Score</Table.Th>
            <NumberCell fw={700}>{match.score}</NumberCell>
            <Table.Td />
          </Table.Tr>
        }
      >
        {match.factors.map((factor) => (
          <Table.Tr key={factor.name} data-testid={`factor-${factor.name}`}>
            <Table.Td>{FACTOR_LABELS[factor.name]}</Table.Td>
            <NumberCell>{factor.weight} %</NumberCell>
            <Table.Td miw={120}>
              <Group gap={6} wrap="nowrap">
                <Progress value={factor.score} color={scoreColor(factor.score)} w={60} aria-label={`${FACTOR_LABELS[factor.name]} fit`} />
                <Text size="sm">{factor.score}</Text>
              </Group>
            </Table.Td>
            <NumberCell>{formatPoints(factor.contribution)}</NumberCell>
            <Table.Td miw={200}>
              <Text size="sm">{factor.detail}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Text size="xs" c="dimmed">
        Points = weight × fit ÷ 100; the points add up to the score.
      </Text>
    </Stack>
  );
}
