import { Button, Group, Paper, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { OFFER_STATUS_LABELS, OFFER_STATUSES, type OfferListInput } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { trimZeros } from '../../lib/format.ts';
import { oneOf, useListParams, usePagesFromAddress } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { offerFilterCount, offerListFilters, QUALITY_FILTERS, qualityParam } from './desk-filters.ts';
import { NegotiationList } from './negotiation-list.tsx';
import { OfferList } from './offer-list.tsx';
import { useCommodity, useStates } from './use-masters.ts';

const TABS = ['desk', 'mine', 'negotiations'] as const;

/**
 * The trade desk: others' live offers with filters, my own offers and my negotiations. The tab and
 * filters live in the address; the lists refetch when the server announces a desk change.
 */
export function DeskPage() {
  const can = useCan();
  const { get, set } = useListParams();
  const tab = oneOf(get('tab'), TABS, 'desk');
  const post = can('tradedesk:write') && (
    <Button component={Link} to="/desk/new">
      Post an offer
    </Button>
  );
  return (
    <Stack>
      <PageHeader
        title="Trade desk"
        description="Buy and sell offers for cotton lots: filter by quality, place and price, negotiate and close deals into contracts."
        actions={post}
      />
      <Tabs
        value={tab}
        // The commodity and other filters carry over between the desk and my offers; paging starts afresh.
        onChange={(value) => set({ tab: value === 'desk' ? null : value })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="desk">Desk</Tabs.Tab>
          <Tabs.Tab value="mine">My offers</Tabs.Tab>
          <Tabs.Tab value="negotiations">My negotiations</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="desk" pt="md">
          <OffersTab scope="desk" post={post} />
        </Tabs.Panel>
        <Tabs.Panel value="mine" pt="md">
          <OffersTab scope="mine" post={post} />
        </Tabs.Panel>
        <Tabs.Panel value="negotiations" pt="md">
          <NegotiationList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function OffersTab({ scope, post }: { scope: 'desk' | 'mine'; post: ReactNode }) {
  const { get, set } = useListParams();
  const filters = offerListFilters(scope, get);
  // Typing a price or a staple length is not a request per keystroke.
  const [sent] = useDebouncedValue(JSON.stringify(filters), 300);
  const offers = trpc.tradedesk.offers.list.useInfiniteQuery(
    { ...(JSON.parse(sent) as OfferListInput), limit: 25 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  usePagesFromAddress(offers, Number(get('pages')) || 1);
  const rows = offers.data?.pages.flatMap((page) => page.items);
  const loaded = offers.data?.pages.length ?? 1;
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <Stack>
        <OfferFilters scope={scope} />
        <QueryView
          query={{ ...offers, data: rows }}
          isEmpty={(items) => offerFilterCount(scope, get) > 0 && items.length === 0}
          empty="No offers match these filters."
        >
          {(items) =>
            items.length === 0 ? (
              <EmptyOffers scope={scope} action={post} />
            ) : (
              <Stack data-testid={`${scope}-offers`}>
                <OfferList offers={items} mine={scope === 'mine'} />
                {offers.hasNextPage && (
                  <Button variant="light" onClick={() => set({ pages: String(loaded + 1) })} loading={offers.isFetchingNextPage}>
                    More offers
                  </Button>
                )}
              </Stack>
            )
          }
        </QueryView>
      </Stack>
    </Paper>
  );
}

const SIDE_OPTIONS = [
  { value: 'sell', label: 'Sell offers' },
  { value: 'buy', label: 'Buy offers' },
];
const STATUS_OPTIONS = OFFER_STATUSES.map((status) => ({ value: status, label: OFFER_STATUS_LABELS[status] }));

/** The filters of a tab: commodity first, as traders think in one commodity at a time. */
function OfferFilters({ scope }: { scope: 'desk' | 'mine' }) {
  const { get, set } = useListParams();
  const { commodities, parameters, varieties } = useCommodity(get('commodity'));
  const states = useStates();
  const qualityFilters = QUALITY_FILTERS.flatMap((filter) => {
    const parameter = parameters.find((p) => p.code === filter.code);
    return parameter ? [{ ...filter, parameter }] : [];
  });
  const box = { w: 150, maw: '100%' } as const;
  const narrow = useMediaQuery('(max-width: 48em)');
  const [shown, setShown] = useState(false);
  // On a phone a dozen boxes would push the offers off the screen: they fold behind one button.
  const active = offerFilterCount(scope, get);
  if (narrow && !shown) {
    return (
      <Group>
        <Button variant="default" size="sm" onClick={() => setShown(true)}>
          {active ? `Filters (${active})` : 'Filters'}
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap="xs" data-testid="offer-filters">
      <Group align="flex-end" gap="sm">
        <Select
          label="Commodity"
          placeholder="Any commodity"
          clearable
          data={(commodities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          value={get('commodity') || null}
          // Another commodity has other varieties and parameters: those filters go with it.
          onChange={(value) => set({ commodity: value, variety: null, ...clearedQuality() })}
          {...box}
          w={180}
        />
        <Select
          label="Side"
          placeholder="Buy and sell"
          clearable
          data={SIDE_OPTIONS}
          value={get('side') || null}
          onChange={(value) => set({ side: value })}
          {...box}
        />
        <Select
          label="Variety"
          placeholder={get('commodity') ? 'Any variety' : 'Choose a commodity'}
          clearable
          disabled={!varieties.length}
          data={varieties.map((v) => ({ value: v.code, label: v.name }))}
          value={get('variety') || null}
          onChange={(value) => set({ variety: value })}
          {...box}
        />
        {scope === 'mine' && (
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={STATUS_OPTIONS}
            value={get('status') || null}
            onChange={(value) => set({ status: value })}
            {...box}
          />
        )}
        <Select
          label="State"
          placeholder="Any state"
          clearable
          searchable
          data={states}
          value={get('state') || null}
          onChange={(value) => set({ state: value })}
          {...box}
          w={190}
        />
        <TextInput label="City" value={get('city')} onChange={(e) => set({ city: e.currentTarget.value })} {...box} />
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label="Price from (₹ per candy)"
          inputMode="decimal"
          value={get('priceMin')}
          onChange={(e) => set({ priceMin: e.currentTarget.value })}
          {...box}
          w={170}
        />
        <TextInput
          label="Price to (₹ per candy)"
          inputMode="decimal"
          value={get('priceMax')}
          onChange={(e) => set({ priceMax: e.currentTarget.value })}
          {...box}
          w={170}
        />
        {qualityFilters.flatMap(({ code, ends, parameter }) =>
          ends.map((end) => {
            const name = qualityParam(code, end);
            const unit = parameter.unit ? ` (${parameter.unit})` : '';
            return (
              <TextInput
                key={name}
                label={`${parameter.name} ${end === 'min' ? 'at least' : 'at most'}${unit}`}
                placeholder={trimZeros(end === 'min' ? parameter.minAllowed : parameter.maxAllowed)}
                inputMode="decimal"
                value={get(name)}
                onChange={(e) => set({ [name]: e.currentTarget.value })}
                {...box}
                w={190}
              />
            );
          }),
        )}
      </Group>
      {!get('commodity') && (
        <Text size="xs" c="dimmed">
          Choose a commodity to filter by quality.
        </Text>
      )}
      {narrow && (
        <Group>
          <Button variant="subtle" size="xs" onClick={() => setShown(false)}>
            Hide filters
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const clearedQuality = () =>
  Object.fromEntries(QUALITY_FILTERS.flatMap((filter) => filter.ends.map((end) => [qualityParam(filter.code, end), null])));

function EmptyOffers({ scope, action }: { scope: 'desk' | 'mine'; action: ReactNode }) {
  return (
    <Stack align="center" gap="xs" py="xl" ta="center" data-testid={`${scope}-empty`}>
      <Title order={4}>{scope === 'desk' ? 'No offers on the desk yet' : 'You have posted no offers yet'}</Title>
      <Text size="sm" maw={520}>
        {scope === 'desk'
          ? 'Offers from other traders and mills appear here as they post them: everyone on the desk, or only their linked partners.'
          : 'Post a buy or sell offer — or paste a trade message and let the desk read it — and it appears here with its negotiations.'}
      </Text>
      {action}
    </Stack>
  );
}
