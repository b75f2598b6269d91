import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Table, type TableProps, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage, isNotFound } from '../lib/errors.ts';
import type { TableSort } from '../lib/list-params.ts';

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <Stack gap={2}>
        <Title order={2}>{title}</Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}

export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Where a detail page's "not found" leads back to: the list the record would be in. */
export interface NotFoundBack {
  /** What was asked for, as a title ("Order not found"). */
  title: string;
  to: string;
  label: string;
}

/**
 * A record that does not exist, is another company's, or has an id that cannot exist: said so, with
 * the way back. Retrying would only fail again, so there is no "Try again".
 */
export function NotFoundState({ title, to, label }: NotFoundBack) {
  return (
    <Paper withBorder p="lg" data-testid="not-found">
      <Stack gap="sm" align="flex-start">
        <Title order={3}>{title}</Title>
        <Text size="sm">It may have been removed, the link may be mistyped, or it belongs to a company you do not work in.</Text>
        <Button component={Link} to={to} variant="light">
          {label}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Loading, error (with retry), not found (with the way back) and empty states around a query's data. */
export function QueryView<T>({
  query,
  empty,
  isEmpty,
  notFound,
  children,
}: {
  query: QueryLike<T>;
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  /** For a detail page: a missing record shows this instead of an error. */
  notFound?: NotFoundBack;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (notFound && isNotFound(query.error)) return <NotFoundState {...notFound} />;
  if (query.error || query.data === undefined) {
    return (
      <Alert color="red" title="Could not load this" role="alert">
        <Group justify="space-between">
          <Text size="sm">{errorMessage(query.error)}</Text>
          <Button size="xs" variant="light" onClick={() => query.refetch()}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  }
  if (empty && isEmpty?.(query.data)) {
    return (
      <Text c="dimmed" ta="center" py="xl">
        {empty}
      </Text>
    );
  }
  return <>{children(query.data)}</>;
}

/** A column heading; `numeric` right-aligns it (and its cells through `NumberCell`), `sort` makes it a sort link. */
export type Column = string | { label: string; numeric?: boolean; sort?: string };

/**
 * A table with a header row; rows come as children (`<Table.Tr>`). Empty strings leave a column
 * untitled. A table wider than the screen scrolls inside its box, so a phone (390 px) never gets a
 * page wider than itself. Sortable headings are links, so the sort lives in the address.
 */
export function DataTable({
  headers,
  children,
  minWidth = 0,
  sort,
  footer,
  ...props
}: {
  headers: Column[];
  children: ReactNode /** Below this width the table scrolls rather than squeezing its cells. */;
  minWidth?: number;
  sort?: TableSort;
  /** Rows under the body, e.g. totals. */
  footer?: ReactNode;
} & TableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table {...props}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed header row never reorders
              <HeaderCell key={index} column={header} sort={sort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
        {footer && <Table.Tfoot>{footer}</Table.Tfoot>}
      </Table>
    </Table.ScrollContainer>
  );
}

function HeaderCell({ column, sort }: { column: Column; sort: TableSort | undefined }) {
  const { label, numeric = false, sort: key } = typeof column === 'string' ? { label: column } : column;
  const align = numeric ? 'right' : undefined;
  if (!key || !sort) return <Table.Th ta={align}>{label}</Table.Th>;
  const active = sort.key === key;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <Table.Th ta={align} aria-sort={ariaSort}>
      <Anchor component={Link} to={sort.linkTo(key)} c="inherit" fw={700} size="sm" underline="hover">
        {label}
        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </Anchor>
    </Table.Th>
  );
}

/** A number in a table: right-aligned in figures of one width, so columns of amounts line up. */
export function NumberCell({ children, fw }: { children: ReactNode; fw?: number }) {
  return (
    <Table.Td ta="right" fw={fw} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {children}
    </Table.Td>
  );
}

/** One labelled figure of a document's header: the label small and dimmed, the value below it. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

/** An infinite query's next page, as far as the "Load more" button needs it. */
interface NextPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The "Load more" button under a list read page by page: there only while another page exists. */
export function LoadMore({ list, variant = 'light' }: { list: NextPages; variant?: 'light' | 'default' }) {
  if (!list.hasNextPage) return null;
  return (
    <Button variant={variant} loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
      Load more
    </Button>
  );
}
