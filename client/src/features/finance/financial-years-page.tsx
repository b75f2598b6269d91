import { Alert, Badge, Button, Group, Modal, Paper, Progress, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney, yearReopenInput } from '@tradeloom/shared';
import { useEffect, useRef, useState } from 'react';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, LoadMore, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

type Year = RouterOutputs['finance']['years']['list'][number];

const STATE_COLORS = { open: 'teal', closing: 'yellow', closed: 'gray' } as const;
// While a close runs, its progress is read again every few seconds.
const PROGRESS_POLL_MS = 2000;

export function FinancialYearsPage() {
  const years = trpc.finance.years.list.useQuery(undefined, {
    refetchInterval: (query) => (query.state.data?.some((y) => y.state === 'closing') ? PROGRESS_POLL_MS : false),
  });
  const [closing, setClosing] = useState<Year | null>(null);
  const [reopening, setReopening] = useState<Year | null>(null);
  return (
    <Stack>
      <PageHeader
        title="Financial years"
        description="Close a year to lock its documents and carry each partner’s open balance into the next year. The owner can reopen a closed year."
      />
      <Paper withBorder p="lg">
        <QueryView
          query={years}
          isEmpty={(rows) => rows.length === 0}
          empty="No financial years yet. One is added with the first dated document."
        >
          {(rows) => (
            <DataTable headers={['Year', 'Dates', 'Status', 'Close', '']} minWidth={640}>
              {rows.map((year) => (
                <YearRow key={year.id} year={year} onClose={() => setClosing(year)} onReopen={() => setReopening(year)} />
              ))}
            </DataTable>
          )}
        </QueryView>
      </Paper>
      {years.data && years.data.length > 0 && <OpeningBalances years={years.data} />}
      <Modal opened={closing !== null} onClose={() => setClosing(null)} title={`Close ${closing?.label ?? ''}?`}>
        {closing && <CloseConfirm year={closing} onDone={() => setClosing(null)} />}
      </Modal>
      <Modal opened={reopening !== null} onClose={() => setReopening(null)} title={`Reopen ${reopening?.label ?? ''}?`}>
        {reopening && <ReopenForm year={reopening} onDone={() => setReopening(null)} />}
      </Modal>
    </Stack>
  );
}

function YearRow({ year, onClose, onReopen }: { year: Year; onClose: () => void; onReopen: () => void }) {
  const can = useCan();
  const close = year.close;
  const failed = close?.status === 'failed' && year.state === 'closed';
  return (
    <Table.Tr>
      <Table.Td fw={600}>{year.label}</Table.Td>
      <Table.Td>
        {formatDate(year.startsOn)} – {formatDate(year.endsOn)}
      </Table.Td>
      <Table.Td>
        <Badge miw="max-content" variant="light" color={failed ? 'red' : STATE_COLORS[year.state]}>
          {failed ? 'close failed' : year.state}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          {year.state === 'closing' && close && (
            <>
              <Progress
                value={close.totalSteps > 0 ? (close.doneSteps / close.totalSteps) * 100 : 0}
                aria-label={`Close of ${year.label}`}
                animated
              />
              <Text size="xs" c="dimmed">
                {close.totalSteps > 0 ? `${close.doneSteps} of ${close.totalSteps} partners carried forward` : 'Starting…'}
              </Text>
            </>
          )}
          {close?.error && year.state !== 'open' && (
            <Text size="xs" c="red">
              {year.state === 'closing' ? `Retrying: ${close.error}` : `Stopped: ${close.error}. Close again to resume.`}
            </Text>
          )}
          {year.state !== 'open' && (
            <Text size="xs" c="dimmed">
              Closed {formatDateTime(year.closedAt)}
              {year.closedByName ? ` by ${year.closedByName}` : ''}
            </Text>
          )}
          {year.lastReopen && (
            <Text size="xs" c="dimmed">
              Reopened {formatDateTime(year.lastReopen.at)}
              {year.lastReopen.byName ? ` by ${year.lastReopen.byName}` : ''}
              {year.lastReopen.reason ? `: “${year.lastReopen.reason}”` : ''}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {can('finance:close') && (year.state === 'open' || failed) && (
            <Button size="xs" variant="light" color="red" onClick={onClose}>
              {failed ? 'Resume close' : 'Close year'}
            </Button>
          )}
          {can('finance:reopen') && year.state === 'closed' && (
            <Button size="xs" variant="subtle" onClick={onReopen}>
              Reopen
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function CloseConfirm({ year, onDone }: { year: Year; onDone: () => void }) {
  const utils = trpc.useUtils();
  const close = trpc.finance.years.close.useMutation({
    onSuccess: async () => {
      await utils.finance.years.list.invalidate();
      notifications.show({ message: `Closing ${year.label}. Progress shows in the list.` });
      onDone();
    },
    onError: notifyError,
  });
  return (
    <Stack>
      <Text size="sm">Closing {year.label}:</Text>
      <Text size="sm" component="ul" m={0} pl="md">
        <li>
          locks it at once: no invoice, note, payment or other document dated {formatDate(year.startsOn)} – {formatDate(year.endsOn)} can be
          created or changed;
        </li>
        <li>carries what each partner owes you, or you owe them, at {formatDate(year.endsOn)} into the next year as an opening balance;</li>
        <li>document numbers of the next year start again from 000001.</li>
      </Text>
      <Text size="sm" c="dimmed">
        It runs in the background; you can leave this page. Only the owner can reopen a closed year.
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button color="red" loading={close.isPending} onClick={() => close.mutate({ year: year.label })}>
          Close {year.label}
        </Button>
      </Group>
    </Stack>
  );
}

function ReopenForm({ year, onDone }: { year: Year; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(yearReopenInput, { defaultValues: { year: year.label, reason: '' } });
  const reopen = trpc.finance.years.reopen.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.finance.years.list.invalidate(), utils.finance.years.openingBalances.invalidate()]);
      notifications.show({ message: `${year.label} is open again.` });
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => reopen.mutate(input)}>
      <Text size="sm">
        Documents dated in {year.label} can be changed again, and the opening balances its close carried into the next year are removed
        until it is closed again. The reason is kept in the audit log.
      </Text>
      <Textarea label="Reason" required autosize minRows={2} {...form.register('reason')} error={form.messageOf('reason')} />
      <SubmitRow form={form} loading={reopen.isPending}>
        Reopen {year.label}
      </SubmitRow>
    </SchemaForm>
  );
}

function OpeningBalances({ years }: { years: Year[] }) {
  // The newest year until one is chosen: the one the last close carried balances into.
  const [chosen, setLabel] = useState<string | null>(null);
  const label = chosen ?? years[0]?.label ?? '';
  const balances = trpc.finance.years.openingBalances.useInfiniteQuery(
    { year: label, limit: 50 },
    { enabled: label !== '', getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  // When a close finishes, what it carried forward is read again.
  const utils = trpc.useUtils();
  const closing = years.some((y) => y.state === 'closing');
  const wasClosing = useRef(closing);
  useEffect(() => {
    if (wasClosing.current && !closing) void utils.finance.years.openingBalances.invalidate();
    wasClosing.current = closing;
  }, [closing, utils]);
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Title order={4}>Opening balances</Title>
          <Text size="sm" c="dimmed">
            What each partner owed you (receivable) or you owed them (payable) when the previous year closed.
          </Text>
        </Stack>
        <Select
          label="Year"
          data={years.map((y) => y.label)}
          value={label}
          onChange={(value) => value && setLabel(value)}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <QueryView
        query={{ ...balances, data: balances.data?.pages.flatMap((page) => page.items) }}
        isEmpty={(items) => items.length === 0}
        empty={`No opening balances in ${label}: they appear once the year before it is closed.`}
      >
        {(items) => (
          <Stack>
            <DataTable headers={['Partner', 'Side', { label: 'Amount', numeric: true }]} minWidth={360}>
              {items.flatMap((partner) =>
                partner.balances.map((balance) => (
                  <Table.Tr key={`${partner.partnerId}-${balance.side}-${balance.currency}`}>
                    <Table.Td>{partner.partnerName}</Table.Td>
                    <Table.Td>{balance.side === 'receivable' ? 'Receivable' : 'Payable'}</Table.Td>
                    <NumberCell>{formatMoney(balance.amount, balance.currency)}</NumberCell>
                  </Table.Tr>
                )),
              )}
            </DataTable>
            <LoadMore list={balances} />
            <Alert color="gray" variant="light">
              A negative receivable is an advance the partner paid; a negative payable, one you paid.
            </Alert>
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}
