import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '@tradeloom/shared';
import { Link, Navigate } from 'react-router';
import { PageHeader } from '../../components/ui.tsx';
import { useCan, useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { OverviewFigures } from '../reports/overview-figures.tsx';

export function HomePage() {
  const me = useMe();
  const can = useCan();
  const company = me.data?.activeCompany;
  const members = trpc.companies.members.useQuery(undefined, { enabled: Boolean(company) && can('members:read') });
  if (!me.data) return null;
  if (!company) {
    // A platform operator usually works in no company: the review queue is their overview.
    if (me.data.user.isPlatformAdmin) return <Navigate to="/admin/review" replace />;
    return (
      <Stack maw={640}>
        <PageHeader title={`Welcome, ${me.data.user.name}`} />
        <Paper withBorder p="lg">
          <Stack>
            <Text>
              You are not working in a company yet. Create one for your business, or open the invitation link a colleague sent you.
            </Text>
            <Group>
              <Button component={Link} to="/companies/new">
                Create a company
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Stack>
    );
  }
  return (
    <Stack>
      <PageHeader title={company.name} description={`You work here as ${me.data.role ? ROLE_LABELS[me.data.role] : '—'}.`} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label="Members" value={members.data ? String(members.data.length) : '…'} to="/team" />
        <Stat label="Verification" value={company.verificationStatus} to="/company" />
        <Stat
          label="Trades as"
          value={[company.isBuyer && 'buyer', company.isSupplier && 'supplier'].filter(Boolean).join(' & ') || '—'}
          to="/company"
        />
      </SimpleGrid>
      <Paper withBorder p="lg">
        <Title order={4} mb="sm">
          Getting started
        </Title>
        <Stack gap="xs">
          <Step done={Boolean(me.data.user.emailVerifiedAt)} text="Confirm your email address" />
          <Step done={(members.data?.length ?? 0) > 1} text="Invite your team" to={can('members:manage') ? '/team' : undefined} />
          <Step done={Boolean(company.taxId)} text="Add your GSTIN and branches" to={can('company:update') ? '/company' : undefined} />
        </Stack>
        <Text size="sm" c="dimmed" mt="md">
          Then link your partners, publish your catalog and place or take orders. Tenders and the trade desk arrive as the next modules
          land.
        </Text>
      </Paper>
      <OverviewFigures />
      <WaitingForYou />
    </Stack>
  );
}

/**
 * What waits for this person's decision, each opening the matching list: only what their role lets
 * them act on, so a viewer is shown nothing to accept.
 */
function WaitingForYou() {
  const can = useCan();
  const decides = can('orders:approve');
  const toAccept = trpc.orders.totals.useQuery({ side: 'sales', status: 'submitted' }, { enabled: decides });
  const toApprove = trpc.orders.totals.useQuery({ side: 'purchase', status: 'pending_approval' }, { enabled: decides });
  const toReceive = trpc.orders.totals.useQuery({ side: 'purchase', status: 'shipped' }, { enabled: can('orders:write') });
  const linkRequests = trpc.partners.waiting.useQuery(undefined, { enabled: can('partners:manage') });
  const board = trpc.production.board.useQuery(undefined, { enabled: can('production:write') });
  const company = useMe().data?.activeCompany;
  const sourcing = trpc.sourcing.waiting.useQuery(undefined, { enabled: can('sourcing:write') });
  const count = (totals: { data?: { count: number }[] }) => (totals.data ? String(totals.data.reduce((sum, t) => sum + t.count, 0)) : '…');
  const stats = [
    decides && (
      <Stat key="accept" label="Sales orders to accept or reject" value={count(toAccept)} to="/orders?side=sales&status=submitted" />
    ),
    decides && (
      <Stat key="approve" label="Purchase orders to approve" value={count(toApprove)} to="/orders?side=purchase&status=pending_approval" />
    ),
    can('orders:write') && (
      <Stat key="receive" label="Deliveries to confirm" value={count(toReceive)} to="/orders?side=purchase&status=shipped" />
    ),
    can('partners:manage') && (
      <Stat
        key="links"
        label="Partner requests to decide"
        value={linkRequests.data ? String(linkRequests.data.count) : '…'}
        to="/partners?tab=requests"
      />
    ),
    can('production:write') && (
      <Stat
        key="production"
        label="Work orders in progress"
        value={board.data ? String(board.data.byStatus.in_progress ?? 0) : '…'}
        to="/production"
      />
    ),
    can('sourcing:write') && company?.isSupplier && (
      <Stat
        key="quote-requests"
        label="Quote requests open"
        value={sourcing.data ? String(sourcing.data.quoteRequests) : '…'}
        to="/quote-requests"
      />
    ),
    can('sourcing:write') && company?.isBuyer && (
      <Stat key="questions" label="Questions to answer" value={sourcing.data ? String(sourcing.data.questions) : '…'} to="/tenders" />
    ),
  ].filter(Boolean);
  if (!stats.length) return null;
  return (
    <Paper withBorder p="lg" data-testid="waiting-for-you">
      <Title order={4} mb="sm">
        Waiting for you
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>{stats}</SimpleGrid>
    </Paper>
  );
}

function Stat({ label, value, to }: { label: string; value: string; to: string }) {
  return (
    <Paper withBorder p="md" component={Link} to={to} style={{ textDecoration: 'none', color: 'inherit' }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

function Step({ done, text, to }: { done: boolean; text: string; to?: string }) {
  return (
    <Group gap="xs">
      <Badge miw="max-content" color={done ? 'teal' : 'gray'} variant={done ? 'filled' : 'outline'} size="sm">
        {done ? 'done' : 'to do'}
      </Badge>
      {to && !done ? (
        <Anchor component={Link} to={to}>
          {text}
        </Anchor>
      ) : (
        <Text size="sm">{text}</Text>
      )}
    </Group>
  );
}
