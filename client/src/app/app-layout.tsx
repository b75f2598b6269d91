import { Alert, AppShell, Badge, Burger, Button, Group, Menu, NavLink, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type Permission, ROLE_LABELS } from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationHost } from '../components/notification-host.tsx';
import { NotFoundState } from '../components/ui.tsx';
import { LiveUpdates } from '../features/live/live-updates.tsx';
import { UnreadMessagesBadge } from '../features/messaging/unread-messages-badge.tsx';
import { NotificationBell } from '../features/notifications/notification-bell.tsx';
import { GlobalShortcuts, openShortcuts, SearchButton } from '../features/search/global-shortcuts.tsx';
import { ComplaintsNavCount } from '../features/support/complaints-nav-count.tsx';
import { errorMessage } from '../lib/errors.ts';
import { companyLocale, setDateLocale } from '../lib/format.ts';
import type { Me } from '../lib/session.ts';
import { trpc } from '../lib/trpc.ts';
import { PageSuspense } from './lazy-page.tsx';

interface NavItem {
  to: string;
  label: string;
  permission?: Permission;
  needsCompany?: boolean;
  /** A count beside the label, e.g. unread conversations. */
  badge?: ReactNode;
  /** Active only on this very address, not on the pages under it. */
  exact?: boolean;
  /** Pages under this one, folded away until one of them is open. */
  children?: NavItem[];
}

// Navigation by module; later modules (partners, catalog, orders …) add their entries here.
const NAV: NavItem[] = [
  { to: '/', label: 'Overview' },
  { to: '/partners', label: 'Partners', permission: 'partners:read' },
  { to: '/catalog', label: 'Catalog', permission: 'catalog:read' },
  { to: '/messages', label: 'Messages', permission: 'messaging:read', badge: <UnreadMessagesBadge /> },
  { to: '/orders', label: 'Orders', permission: 'orders:read' },
  { to: '/tenders', label: 'Tenders', permission: 'sourcing:read' },
  { to: '/desk', label: 'Trade desk', permission: 'tradedesk:read' },
  { to: '/lots', label: 'Lots', permission: 'tradedesk:read' },
  { to: '/production', label: 'Production', permission: 'production:read' },
  { to: '/quote-requests', label: 'Quote requests', permission: 'sourcing:read' },
  { to: '/contracts', label: 'Contracts', permission: 'contracts:read' },
  { to: '/deliveries', label: 'Deliveries', permission: 'deliveries:read' },
  { to: '/invoices', label: 'Invoices', permission: 'finance:read' },
  { to: '/payments', label: 'Payments', permission: 'finance:read' },
  { to: '/outstanding', label: 'Outstanding', permission: 'finance:read' },
  { to: '/disputes', label: 'Disputes', permission: 'finance:read' },
  { to: '/complaints', label: 'Complaints', permission: 'support:read', badge: <ComplaintsNavCount /> },
  { to: '/reports', label: 'Reports', permission: 'orders:read' },
  { to: '/company', label: 'Company profile', permission: 'company:read' },
  { to: '/team', label: 'Team', permission: 'members:read' },
  {
    to: '/settings',
    label: 'Settings',
    children: [
      { to: '/settings', label: 'Company settings', permission: 'settings:read', exact: true },
      { to: '/settings/notifications', label: 'Notifications', permission: 'notifications:read' },
      { to: '/settings/notification-defaults', label: 'Notification defaults', permission: 'notifications:manage' },
      { to: '/settings/notification-log', label: 'Notification log', permission: 'notifications:manage' },
      { to: '/settings/webhooks', label: 'Webhooks', permission: 'webhooks:manage' },
      { to: '/settings/complaints', label: 'Complaint response times', permission: 'support:read' },
      { to: '/settings/credit-limits', label: 'Credit limits', permission: 'finance:read' },
      { to: '/settings/financial-years', label: 'Financial years', permission: 'settings:read' },
      { to: '/settings/trade-masters', label: 'Trade masters', permission: 'tradedesk:read' },
    ],
  },
  { to: '/api-keys', label: 'API keys', permission: 'apiKeys:manage' },
  { to: '/audit', label: 'Audit log', permission: 'audit:read' },
];

// The platform operator's screens, shown to platform operators only.
const OPERATOR_NAV: NavItem[] = [
  { to: '/admin/review', label: 'Verification review' },
  { to: '/admin/jobs', label: 'Background jobs' },
  { to: '/admin/companies', label: 'Companies' },
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/health', label: 'Platform health' },
  { to: '/admin/security', label: 'Security events' },
  { to: '/admin/masters', label: 'Masters' },
  { to: '/admin/notification-templates', label: 'Notification templates' },
];

/** The items a member may open; a group shows when any of its pages may be opened. */
function allowed(items: NavItem[], permissions: ReadonlySet<Permission>): NavItem[] {
  return items.flatMap((item) => {
    if (item.permission && !permissions.has(item.permission)) return [];
    if (!item.children) return [item];
    const children = allowed(item.children, permissions);
    return children.length ? [{ ...item, children }] : [];
  });
}

const isActive = (item: NavItem, path: string) => path === item.to || (!item.exact && item.to !== '/' && path.startsWith(`${item.to}/`));

export function AppLayout({ me }: { me: Me }) {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  // Before the page renders, so its dates read in the active company's locale (idempotent).
  setDateLocale(companyLocale(me.activeCompany?.country));
  const visible = allowed(NAV, new Set(me.permissions));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      {/* Here, not at the root: only signed-in screens notify, so sign-in does without its code. */}
      <NotificationHost />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          {/* On a phone the company's name gives way (truncated) so the search, bell and account stay on screen. */}
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={4} c="teal.8" visibleFrom="xs">
              Tradeloom
            </Title>
            <CompanySwitcher me={me} />
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {/* Keyed by company: switching companies opens a new stream for the new one. */}
            {me.activeCompany && <LiveUpdates key={me.activeCompany.id} />}
            {me.activeCompany && <SearchButton />}
            {me.permissions.includes('notifications:read') && <NotificationBell />}
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      {/* Scrolls on its own: an operator's or an admin's list outgrows a laptop screen. */}
      <AppShell.Navbar p="xs" aria-label="Main navigation" style={{ overflowY: 'auto' }}>
        {visible.map((item) =>
          item.children ? (
            <NavGroup key={item.to} item={item} path={location.pathname} onNavigate={close} />
          ) : (
            <NavItemLink key={item.to} item={item} path={location.pathname} onNavigate={close} />
          ),
        )}
        {me.user.isPlatformAdmin && (
          <>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
              Platform operators
            </Text>
            {OPERATOR_NAV.map((item) => (
              <NavItemLink key={item.to} item={item} path={location.pathname} onNavigate={close} />
            ))}
          </>
        )}
        {me.devMailbox && (
          <NavLink component={Link} to="/dev-mailbox" label="Dev mailbox" active={location.pathname === '/dev-mailbox'} onClick={close} />
        )}
      </AppShell.Navbar>
      <AppShell.Main>
        <Stack gap="md">
          {!me.user.emailVerifiedAt && <VerifyEmailBanner devMailbox={me.devMailbox} />}
          <PageSuspense>
            <Outlet />
          </PageSuspense>
        </Stack>
        {me.activeCompany && <GlobalShortcuts permissions={me.permissions} />}
      </AppShell.Main>
    </AppShell>
  );
}

function NavItemLink({ item, path, onNavigate }: { item: NavItem; path: string; onNavigate: () => void }) {
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      rightSection={item.badge}
      active={isActive(item, path)}
      onClick={onNavigate}
    />
  );
}

/** A folding group (Settings): open while one of its pages is, and whenever opened by hand. */
function NavGroup({ item, path, onNavigate }: { item: NavItem; path: string; onNavigate: () => void }) {
  const inside = isActive(item, path);
  const [opened, setOpened] = useState(inside);
  return (
    <NavLink label={item.label} opened={opened || inside} onChange={setOpened} childrenOffset={20}>
      {item.children?.map((child) => (
        <NavItemLink key={child.to} item={child} path={path} onNavigate={onNavigate} />
      ))}
    </NavLink>
  );
}

function VerifyEmailBanner({ devMailbox }: { devMailbox: boolean }) {
  const resend = trpc.auth.resendVerification.useMutation({
    onSuccess: () => notifications.show({ color: 'teal', message: 'We sent a new confirmation link.' }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Alert color="yellow" title="Confirm your email address" role="status">
      <Group justify="space-between">
        <Text size="sm">Until you confirm it you cannot invite members or create API keys. Check your inbox for the link.</Text>
        <Group gap="xs">
          {devMailbox && (
            <Button component={Link} to="/dev-mailbox" size="xs" variant="subtle">
              Open dev mailbox
            </Button>
          )}
          <Button size="xs" variant="light" loading={resend.isPending} onClick={() => resend.mutate()}>
            Send the link again
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}

function CompanySwitcher({ me }: { me: Me }) {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const switchCompany = trpc.companies.switch.useMutation({
    onSuccess: async () => {
      // Everything on screen belonged to the previous company.
      queryClient.removeQueries();
      await utils.auth.me.invalidate();
      navigate('/');
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const active = me.activeCompany;
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Switch company" data-testid="company-switcher" miw={0}>
          <Group gap={6} wrap="nowrap" miw={0}>
            <Text fw={600} size="sm" truncate maw={240}>
              {active ? active.name : 'No company selected'}
            </Text>
            {me.role && (
              <Badge size="sm" variant="light">
                {ROLE_LABELS[me.role]}
              </Badge>
            )}
            <Text size="xs" c="dimmed">
              ▾
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your companies</Menu.Label>
        {me.companies.length === 0 && <Menu.Item disabled>You are not in any company yet</Menu.Item>}
        {me.companies.map((company) => (
          <Menu.Item
            key={company.id}
            onClick={() => company.id !== active?.id && switchCompany.mutate({ companyId: company.id })}
            rightSection={
              <Badge size="xs" variant="outline">
                {ROLE_LABELS[company.role as keyof typeof ROLE_LABELS]}
              </Badge>
            }
            fw={company.id === active?.id ? 700 : 400}
          >
            {company.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/companies/new">
          Create a company…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function UserMenu({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = trpc.auth.logout.useMutation({
    onSettled: () => {
      queryClient.clear();
      navigate('/login');
    },
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Account menu">
          <Text size="sm" truncate maw={{ base: 96, sm: 240 }}>
            {me.user.name}
          </Text>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account">
          Account and sessions
        </Menu.Item>
        <Menu.Item onClick={openShortcuts}>Keyboard shortcuts</Menu.Item>
        <Menu.Item color="red" onClick={() => logout.mutate()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function NotFoundPage() {
  return <NotFoundState title="Page not found" to="/" label="Back to the overview" />;
}
