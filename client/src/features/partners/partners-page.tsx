import { Badge, Button, Group, Modal, Paper, Select, Stack, Table, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { LinkAction } from '@tradeloom/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, MutationForm, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { COUNTRIES } from '../companies/company-fields.tsx';

type PartnerLink = RouterOutputs['partners']['list']['items'][number];
type View = 'linked' | 'incoming' | 'outgoing' | 'blocked';

const STATUS_COLORS: Record<string, string> = {
  pending: 'blue',
  accepted: 'teal',
  denied: 'orange',
  blocked: 'red',
  unlinked: 'gray',
  cancelled: 'gray',
};
const ACTION_LABELS: Record<Exclude<LinkAction, 'request'>, string> = {
  accept: 'Accept',
  deny: 'Deny',
  block: 'Block',
  cancel: 'Withdraw',
  unlink: 'Unlink',
  unblock: 'Unblock',
};

export function PartnersPage() {
  const [tab, setTab] = useState<string | null>('linked');
  const can = useCan();
  return (
    <Stack>
      <PageHeader
        title="Partners"
        description="The companies you buy from and sell to. Each sees of the other only what the link allows."
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="linked">Linked</Tabs.Tab>
          <Tabs.Tab value="incoming">Requests to us</Tabs.Tab>
          <Tabs.Tab value="outgoing">Our requests</Tabs.Tab>
          <Tabs.Tab value="blocked">Blocked</Tabs.Tab>
          <Tabs.Tab value="directory">Find companies</Tabs.Tab>
        </Tabs.List>
        {(['linked', 'incoming', 'outgoing', 'blocked'] as const).map((view) => (
          <Tabs.Panel key={view} value={view} pt="md">
            <LinkList view={view} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="directory" pt="md">
          <Directory canRequest={can('partners:request')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const EMPTY: Record<View, string> = {
  linked: 'No linked partners yet. Find suppliers under “Find companies”, or add one that is not on Tradeloom.',
  incoming: 'No one is waiting for your answer.',
  outgoing: 'You have no requests waiting.',
  blocked: 'Nobody is blocked.',
};

function LinkList({ view }: { view: View }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const [adding, add] = useDisclosure();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const links = trpc.partners.list.useInfiniteQuery(
    { view, search: debounced || undefined, limit: 50 },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const rows = links.data?.pages.flatMap((page) => page.items);
  const onDone = {
    onSuccess: () => Promise.all([utils.partners.list.invalidate(), utils.partners.directory.invalidate()]),
    onError: (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
  };
  const decide = trpc.partners.decide.useMutation(onDone);
  const cancel = trpc.partners.cancel.useMutation(onDone);
  const unlink = trpc.partners.unlink.useMutation(onDone);
  const block = trpc.partners.block.useMutation(onDone);
  const unblock = trpc.partners.unblock.useMutation(onDone);
  const invite = trpc.partners.inviteToClaim.useMutation({
    onSuccess: (result) => notifications.show({ color: 'teal', message: `Invitation to claim sent to ${result.email}.` }),
    onError: onDone.onError,
  });
  const run = (link: PartnerLink, action: Exclude<LinkAction, 'request'>) => {
    const input = { linkId: link.id };
    if (action === 'accept' || action === 'deny') return decide.mutate({ ...input, decision: action });
    if (action === 'block' && !window.confirm(`Block ${link.partnerName}? They cannot ask to link again until you unblock.`)) return;
    if (action === 'unlink' && !window.confirm(`Unlink ${link.partnerName}?`)) return;
    ({ cancel, unlink, block, unblock })[action as 'cancel' | 'unlink' | 'block' | 'unblock'].mutate(input);
  };
  const permitted = (action: LinkAction) => (action === 'cancel' ? can('partners:request') : can('partners:manage'));
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <TextInput
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          aria-label="Search partners"
        />
        {view === 'linked' && can('partners:request') && (
          <Button variant="light" onClick={add.open}>
            Add a company not on Tradeloom
          </Button>
        )}
      </Group>
      <QueryView query={{ ...links, data: rows }} isEmpty={(items) => items.length === 0} empty={EMPTY[view]}>
        {(items) => (
          <Stack>
            <DataTable headers={['Company', 'They are', 'Status', 'Message', 'Updated', '']}>
              {items.map((link) => (
                <Table.Tr key={link.id} data-testid={`link-${link.partnerName}`}>
                  <Table.Td>
                    {link.partnerName}{' '}
                    {!link.partnerClaimed && (
                      <Badge miw="max-content" size="xs" color="gray" variant="outline">
                        not on Tradeloom
                      </Badge>
                    )}
                    {link.partnerVerification === 'verified' && (
                      <Badge miw="max-content" size="xs" color="teal" variant="light">
                        verified
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{link.partnerRole === 'supplier' ? 'our supplier' : 'our buyer'}</Table.Td>
                  <Table.Td>
                    <Badge miw="max-content" color={STATUS_COLORS[link.status]} variant="light">
                      {link.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" lineClamp={2}>
                      {link.message ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(link.updatedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {link.actions
                        .filter((action): action is Exclude<LinkAction, 'request'> => action !== 'request' && permitted(action))
                        .filter((action) => link.partnerClaimed || action === 'unlink')
                        .map((action) => (
                          <Button
                            key={action}
                            size="xs"
                            variant={action === 'accept' ? 'filled' : 'subtle'}
                            color={action === 'block' || action === 'deny' ? 'red' : undefined}
                            onClick={() => run(link, action)}
                          >
                            {ACTION_LABELS[action]}
                          </Button>
                        ))}
                      {link.status === 'accepted' && link.partnerRole === 'supplier' && link.partnerClaimed && (
                        <Button size="xs" variant="light" component={Link} to={`/partners/${link.partnerId}/catalog`}>
                          Catalog
                        </Button>
                      )}
                      {!link.partnerClaimed && can('partners:manage') && (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => invite.mutate({ companyId: link.partnerId })}
                          disabled={!link.partnerContactEmail}
                        >
                          Invite to claim
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            {links.hasNextPage && (
              <Button variant="light" onClick={() => links.fetchNextPage()} loading={links.isFetchingNextPage}>
                More partners
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
      <Modal opened={adding} onClose={add.close} title="Add a company not on Tradeloom">
        <AddUnclaimedForm onDone={add.close} />
      </Modal>
    </Paper>
  );
}

function AddUnclaimedForm({ onDone }: { onDone: () => void }) {
  const utils = trpc.useUtils();
  const [form, setForm] = useState({
    name: '',
    country: 'IN',
    taxId: '',
    contactEmail: '',
    relationship: 'supplier' as 'supplier' | 'buyer',
  });
  const add = trpc.partners.addUnclaimed.useMutation({
    onSuccess: async (company) => {
      await utils.partners.list.invalidate();
      notifications.show({ color: 'teal', message: `${company.name} added. Only your company sees it until they claim it.` });
      onDone();
    },
  });
  const submit = () => add.mutate({ ...form, taxId: form.taxId || undefined, contactEmail: form.contactEmail || undefined });
  return (
    <MutationForm onSubmit={submit} error={add.error}>
      <TextInput
        label="Company name"
        required
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
        error={fieldError(add.error, 'name')}
      />
      <Select
        label="They are"
        data={[
          { value: 'supplier', label: 'A supplier we buy from' },
          { value: 'buyer', label: 'A buyer we sell to' },
        ]}
        value={form.relationship}
        allowDeselect={false}
        onChange={(value) => setForm({ ...form, relationship: value === 'buyer' ? 'buyer' : 'supplier' })}
      />
      <Select
        label="Country"
        data={COUNTRIES}
        value={form.country}
        allowDeselect={false}
        onChange={(value) => setForm({ ...form, country: value ?? 'IN' })}
      />
      <TextInput
        label={form.country === 'IN' ? 'GSTIN' : 'Tax id'}
        value={form.taxId}
        onChange={(e) => setForm({ ...form, taxId: e.currentTarget.value })}
        error={fieldError(add.error, 'taxId')}
      />
      <TextInput
        label="Contact email"
        description="Who can claim the company later."
        type="email"
        value={form.contactEmail}
        onChange={(e) => setForm({ ...form, contactEmail: e.currentTarget.value })}
        error={fieldError(add.error, 'contactEmail')}
      />
      <Group justify="flex-end">
        <Button type="submit" loading={add.isPending}>
          Add partner
        </Button>
      </Group>
    </MutationForm>
  );
}

function Directory({ canRequest }: { canRequest: boolean }) {
  const utils = trpc.useUtils();
  const [search, setSearch] = useState('');
  const [location, setLocation] = useState('');
  const [role, setRole] = useState<string | null>('supplier');
  const [commodity, setCommodity] = useState<string | null>(null);
  const masters = trpc.catalog.masters.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const [debounced] = useDebouncedValue({ search: search.trim(), location: location.trim() }, 300);
  const [requesting, setRequesting] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState('');
  const directory = trpc.partners.directory.useInfiniteQuery(
    {
      search: debounced.search || undefined,
      location: debounced.location || undefined,
      role: (role as 'buyer' | 'supplier' | null) ?? undefined,
      commodity: commodity ?? undefined,
      limit: 20,
    },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const request = trpc.partners.requestLink.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.partners.directory.invalidate(), utils.partners.list.invalidate()]);
      notifications.show({ color: 'teal', message: `Request sent to ${requesting?.name}.` });
      setRequesting(null);
      setMessage('');
    },
  });
  const rows = directory.data?.pages.flatMap((page) => page.items);
  return (
    <Paper withBorder p="lg">
      <Group mb="sm">
        <TextInput label="Name" placeholder="e.g. spinning" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
        <TextInput label="City or state" placeholder="e.g. Surat" value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
        <Select
          label="Who"
          data={[
            { value: 'supplier', label: 'Suppliers' },
            { value: 'buyer', label: 'Buyers' },
          ]}
          clearable
          placeholder="Everyone"
          value={role}
          onChange={setRole}
        />
        <Select
          label="Sells"
          data={masters.data?.commodities.map((c) => ({ value: c.code, label: c.name })) ?? []}
          clearable
          placeholder="Any commodity"
          value={commodity}
          onChange={setCommodity}
        />
      </Group>
      <QueryView query={{ ...directory, data: rows }} isEmpty={(items) => items.length === 0} empty="No listed company matches.">
        {(items) => (
          <Stack>
            <DataTable headers={['Company', 'Where', 'Trades as', 'Verification', '']}>
              {items.map((company) => (
                <Table.Tr key={company.id} data-testid={`directory-${company.name}`}>
                  <Table.Td>{company.name}</Table.Td>
                  <Table.Td>{[company.cities, company.country].filter(Boolean).join(', ')}</Table.Td>
                  <Table.Td>{[company.isBuyer && 'buyer', company.isSupplier && 'supplier'].filter(Boolean).join(' & ')}</Table.Td>
                  <Table.Td>
                    <Badge miw="max-content" variant="light" color={company.verificationStatus === 'verified' ? 'teal' : 'gray'}>
                      {company.verificationStatus}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {company.linkAsBuyer === 'accepted' || company.linkAsBuyer === 'pending' || company.linkAsBuyer === 'blocked' ? (
                      <Badge miw="max-content" color={STATUS_COLORS[company.linkAsBuyer]}>
                        {company.linkAsBuyer === 'accepted' ? 'linked' : company.linkAsBuyer}
                      </Badge>
                    ) : (
                      canRequest &&
                      company.isSupplier && (
                        <Button size="xs" onClick={() => setRequesting({ id: company.id, name: company.name })}>
                          Request link
                        </Button>
                      )
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            {directory.hasNextPage && (
              <Button variant="light" onClick={() => directory.fetchNextPage()} loading={directory.isFetchingNextPage}>
                More companies
              </Button>
            )}
          </Stack>
        )}
      </QueryView>
      <Modal opened={requesting !== null} onClose={() => setRequesting(null)} title={`Link with ${requesting?.name ?? ''} as their buyer`}>
        <MutationForm
          onSubmit={() => requesting && request.mutate({ supplierId: requesting.id, message: message || undefined })}
          error={request.error}
        >
          <Textarea
            label="Message"
            description="Tell them what you buy and in what volumes."
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={request.isPending}>
              Send request
            </Button>
          </Group>
        </MutationForm>
      </Modal>
    </Paper>
  );
}
