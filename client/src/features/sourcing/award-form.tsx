import { Alert, Button, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { formatMoney, formatQuantity, type TenderComparison } from '@tradeloom/shared';
import { useState } from 'react';
import { DataTable, NumberCell } from '../../components/ui.tsx';
import { describeFieldErrors, errorCode, errorMessage, errorReason, serverFieldErrors } from '../../lib/errors.ts';
import { trimZeros } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import {
  type AwardShare,
  awardInput,
  checkAward,
  defaultAward,
  flatShares,
  type ItemAward,
  needsReason,
  offerKey,
  ordersPreview,
  remainingOf,
} from './award-plan.ts';

// Award per item: by default all of it to the lowest landed offer; a split adds another supplier's
// line. A reason is required only where an item goes (in part) to an offer that is not the lowest,
// optional otherwise. The review shows the orders the award makes (one per winning supplier)
// before anything is created.

type Problems = Record<string, string>;

export function AwardForm({ comparison, onAwarded }: { comparison: TenderComparison; onAwarded: () => void }) {
  const { currency } = comparison;
  const [awards, setAwards] = useState<ItemAward[]>(() => defaultAward(comparison));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [reviewing, setReviewing] = useState(false);
  // One key per award attempt on this screen: a retried click creates the orders once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const threshold = trpc.orders.approvalThreshold.useQuery();
  const award = trpc.sourcing.tenders.award.useMutation({
    onSuccess: onAwarded,
    onError: (error) => {
      const fields = Object.fromEntries(
        Object.entries(serverFieldErrors(error)).flatMap(([path, messages]) => (messages?.[0] ? [[path, messages[0]]] : [])),
      );
      if (Object.keys(fields).length) {
        setProblems(fields);
        setReviewing(false);
      } else setProblems({ server: refusal(error) });
    },
  });

  const refusal = (error: unknown) => {
    if (errorCode(error) === 'FORBIDDEN' && threshold.data?.threshold)
      return `Orders above ${formatMoney(threshold.data.threshold, threshold.data.currency)} need a manager's approval: ask a manager to award.`;
    if (errorCode(error) === 'FORBIDDEN') return "An order this large needs a manager's approval: ask a manager to award.";
    if (errorReason(error) === 'AWARD_EXCEEDS_QUANTITY') return `${errorMessage(error)} Lower the quantity and review again.`;
    return errorMessage(error);
  };

  const change = (itemIndex: number, update: (award: ItemAward) => ItemAward) => {
    setAwards((current) => current.map((award, index) => (index === itemIndex ? update(award) : award)));
    setProblems({});
  };
  const changeShare = (itemIndex: number, shareIndex: number, patch: Partial<AwardShare>) =>
    change(itemIndex, (award) => ({
      ...award,
      shares: award.shares.map((share, index) => (index === shareIndex ? { ...share, ...patch } : share)),
    }));

  const review = () => {
    const found = checkAward(comparison, awards);
    setProblems(found);
    if (!Object.keys(found).length) setReviewing(true);
  };

  // Server messages by flat position (`awards.3.quantity`) land on the share they are about.
  const flat = flatShares(awards);
  const shareProblem = (itemIndex: number, shareIndex: number, fields: string[]) => {
    const position = flat.findIndex((entry) => entry.itemIndex === itemIndex && entry.shareIndex === shareIndex);
    const field = fields.find((candidate) => problems[`awards.${position}.${candidate}`]);
    return field ? problems[`awards.${position}.${field}`] : undefined;
  };
  const reasonProblem = (itemIndex: number) =>
    problems[`items.${itemIndex}.reason`] ??
    flat.map((entry, position) => (entry.itemIndex === itemIndex ? problems[`awards.${position}.reason`] : undefined)).find(Boolean);
  const known = (path: string) =>
    /^(awards\.\d+\.(quantity|quoteId|alternativeNo|itemId|reason)|items\.\d+(\.reason)?|awards|server)$/.test(path);
  const elsewhere = Object.fromEntries(
    Object.entries(problems)
      .filter(([path]) => !known(path))
      .map(([path, message]) => [path, [message]]),
  );

  if (reviewing) {
    const orders = ordersPreview(comparison, awards);
    return (
      <Paper withBorder p="lg" data-testid="award-review">
        <Stack>
          <Title order={4}>Review: {orders.length === 1 ? 'one order' : `${orders.length} orders`} will be created</Title>
          {orders.map((order) => (
            <Paper key={order.quoteId} withBorder p="md">
              <Text fw={700} mb="xs">
                Purchase order to {order.supplierName}
              </Text>
              <DataTable headers={['Item', { label: 'Quantity', numeric: true }, { label: 'Landed', numeric: true }]} minWidth={340}>
                {order.lines.map((line) => (
                  <Table.Tr key={line.itemId}>
                    <Table.Td>{line.description}</Table.Td>
                    <NumberCell>{formatQuantity(trimZeros(line.quantity), line.unit)}</NumberCell>
                    <NumberCell>{line.landedTotal === null ? '—' : formatMoney(line.landedTotal, currency)}</NumberCell>
                  </Table.Tr>
                ))}
              </DataTable>
              <Group justify="space-between" mt="xs">
                <Text fw={700}>Landed total (price + freight + GST)</Text>
                <Text fw={700} data-testid={`order-preview-total-${order.supplierName}`}>
                  {order.total === null ? 'Enter the missing rates' : formatMoney(order.total, currency)}
                </Text>
              </Group>
            </Paper>
          ))}
          {reason.trim() && <Text size="sm">Reason kept for audit: {reason.trim()}</Text>}
          <Group justify="flex-end" wrap="wrap">
            {problems.server && (
              <Text c="red" size="sm" role="alert" style={{ flex: '1 1 240px' }}>
                {problems.server}
              </Text>
            )}
            <Button variant="default" onClick={() => setReviewing(false)}>
              Change
            </Button>
            <Button loading={award.isPending} onClick={() => award.mutate(awardInput(comparison.tenderId, awards, reason, idempotencyKey))}>
              Award and create {orders.length === 1 ? 'the order' : `${orders.length} orders`}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder p="lg" data-testid="award-form">
      <Stack>
        <Title order={4}>Award</Title>
        <Text size="sm" c="dimmed">
          Each item goes to its lowest landed offer unless you choose otherwise. Split an item by adding another supplier; say why when an
          item does not go to the lowest.
        </Text>
        {Object.keys(elsewhere).length > 0 && (
          <Alert color="red" role="alert">
            {describeFieldErrors(elsewhere)}
          </Alert>
        )}
        {comparison.items.map((item, itemIndex) => {
          const award = awards[itemIndex];
          if (!award) return null;
          const offers = comparison.cells.filter((cell) => cell.itemId === item.id);
          const supplierName = (quoteId: string) =>
            comparison.suppliers.find((supplier) => supplier.quoteId === quoteId)?.supplierName ?? 'Supplier';
          const options = offers.map((cell) => ({
            value: offerKey(cell),
            label: `${supplierName(cell.quoteId)}${cell.alternativeNo ? ` (alternative ${cell.alternativeNo})` : ''} — ${
              cell.landedUnitCost === null
                ? 'not comparable yet'
                : `${formatMoney(cell.landedUnitCost, currency, { maxFractionDigits: 4 })} / ${item.unit}`
            }${cell.lowest ? ' · lowest' : ''}`,
          }));
          const remaining = remainingOf(item.quantity, award.shares);
          return (
            <Paper key={item.id} withBorder p="md" data-testid={`award-item-${item.lineNo}`}>
              <Stack gap="xs">
                <Text fw={600}>
                  {item.lineNo}. {item.description} — {formatQuantity(trimZeros(item.quantity), item.unit)}
                </Text>
                {award.shares.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Not awarded.
                  </Text>
                )}
                {award.shares.map((share, shareIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: shares have no id; they are added and removed at the end
                  <Group key={shareIndex} align="flex-start" wrap="wrap" gap="xs">
                    <Select
                      label="Supplier"
                      aria-label={`Supplier ${shareIndex + 1} of item ${item.lineNo}`}
                      placeholder="Choose a supplier"
                      data={options}
                      value={share.offer || null}
                      onChange={(value) => changeShare(itemIndex, shareIndex, { offer: value ?? '' })}
                      error={shareProblem(itemIndex, shareIndex, ['quoteId', 'alternativeNo', 'itemId'])}
                      w={340}
                      maw="100%"
                      allowDeselect={false}
                    />
                    <TextInput
                      label={`Quantity (${item.unit})`}
                      aria-label={`Quantity ${shareIndex + 1} of item ${item.lineNo}`}
                      inputMode="decimal"
                      value={share.quantity}
                      onChange={(event) => changeShare(itemIndex, shareIndex, { quantity: event.currentTarget.value })}
                      error={shareProblem(itemIndex, shareIndex, ['quantity'])}
                      w={140}
                    />
                    <Button
                      variant="subtle"
                      color="red"
                      mt={25}
                      onClick={() =>
                        change(itemIndex, (current) => ({ ...current, shares: current.shares.filter((_, i) => i !== shareIndex) }))
                      }
                      aria-label={`Remove supplier ${shareIndex + 1} of item ${item.lineNo}`}
                    >
                      Remove
                    </Button>
                  </Group>
                ))}
                <Group gap="sm" wrap="wrap">
                  <Text size="sm" data-testid={`remaining-${item.lineNo}`}>
                    {remaining === '0'
                      ? `All ${formatQuantity(trimZeros(item.quantity), item.unit)} awarded`
                      : `Remaining: ${formatQuantity(remaining, item.unit)}`}
                  </Text>
                  {award.shares.length < offers.length && (
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() =>
                        change(itemIndex, (current) => ({
                          ...current,
                          shares: [...current.shares, { offer: '', quantity: remaining.startsWith('-') ? '' : remaining }],
                        }))
                      }
                    >
                      {award.shares.length ? `Split item ${item.lineNo}: add a supplier` : `Award item ${item.lineNo}`}
                    </Button>
                  )}
                </Group>
                {problems[`items.${itemIndex}`] && (
                  <Text c="red" size="sm" role="alert">
                    {problems[`items.${itemIndex}`]}
                  </Text>
                )}
                {(needsReason(comparison, award) || reasonProblem(itemIndex)) && (
                  <TextInput
                    label={`Why not the lowest for item ${item.lineNo}`}
                    description="Kept for audit"
                    required
                    value={award.reason}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      change(itemIndex, (current) => ({ ...current, reason: value }));
                    }}
                    error={reasonProblem(itemIndex)}
                  />
                )}
              </Stack>
            </Paper>
          );
        })}
        <Textarea
          label="Note on the award (optional, kept for audit)"
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end" wrap="wrap">
          {problems.awards && (
            <Text c="red" size="sm" role="alert">
              {problems.awards}
            </Text>
          )}
          <Button onClick={review}>Review award</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
