import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '@tradeloom/shared';
import { Link } from 'react-router';
import { useCan, useMe } from '../../app/session.tsx';
import { PageHeader } from '../../app/ui.tsx';
import { trpc } from '../../lib/trpc.ts';

export function HomePage() {
  const me = useMe();
  const can = useCan();
  const company = me.data?.activeCompany;
  const members = trpc.companies.members.useQuery(undefined, { enabled: Boolean(company) && can('members:read') });
  if (!me.data) return null;
  if (!company) {
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
          Partners, catalog, orders, tenders and the trade desk arrive as the next modules land.
        </Text>
      </Paper>
    </Stack>
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
