import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatMoney } from '@tradeloom/shared';
import { useState } from 'react';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

export function CreditLimitsPage() {
  const can = useCan();
  const utils = trpc.useUtils();
  const limits = trpc.finance.creditLimits.list.useQuery();
  const remove = trpc.finance.creditLimits.remove.useMutation({
    onSuccess: () => utils.finance.creditLimits.list.invalidate(),
    onError: notifyError,
  });
  const canApprove = can('finance:approve');
  return (
    <Stack>
      <PageHeader
        title="Credit limits"
        description="What each buyer may owe you on issued invoices. Accepting an order that takes a buyer past its limit needs a manager’s approval."
      />
      {canApprove && <SetLimitForm />}
      <Paper withBorder p="lg">
        <QueryView query={limits} isEmpty={(rows) => rows.length === 0} empty="No credit limits set: buyers may owe any amount.">
          {(rows) => (
            <div style={{ overflowX: 'auto' }}>
              <DataTable
                headers={[
                  'Buyer',
                  { label: 'Limit', numeric: true },
                  { label: 'Owes now', numeric: true },
                  { label: 'Available', numeric: true },
                  'Updated',
                  ...(canApprove ? [''] : []),
                ]}
              >
                {rows.map((row) => (
                  <Table.Tr key={row.partnerId} data-testid={`credit-limit-${row.partnerName}`}>
                    <Table.Td>{row.partnerName}</Table.Td>
                    <NumberCell>{formatMoney(row.amount, row.currency)}</NumberCell>
                    <NumberCell>{formatMoney(row.exposure, row.currency)}</NumberCell>
                    <NumberCell>
                      <Text span c={row.available.startsWith('-') ? 'red' : undefined} size="sm">
                        {formatMoney(row.available, row.currency)}
                      </Text>
                    </NumberCell>
                    <Table.Td>{formatDateTime(row.updatedAt)}</Table.Td>
                    {canApprove && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          loading={remove.isPending && remove.variables?.partnerId === row.partnerId}
                          onClick={() => remove.mutate({ partnerId: row.partnerId })}
                        >
                          Remove
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </DataTable>
            </div>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}

function SetLimitForm() {
  const utils = trpc.useUtils();
  const partners = trpc.partners.list.useQuery({ view: 'linked', limit: 100 });
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('INR');
  const set = trpc.finance.creditLimits.set.useMutation({
    onSuccess: async () => {
      notifications.show({ color: 'green', message: 'Credit limit saved.' });
      setAmount('');
      await utils.finance.creditLimits.list.invalidate();
    },
  });
  const errors = serverFieldErrors(set.error);
  const buyers = (partners.data?.items ?? []).filter((link) => link.partnerRole === 'buyer');
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        Set a limit
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          set.mutate({ partnerId: partnerId ?? '', amount, currency });
        }}
      >
        <Group align="flex-start" wrap="wrap">
          <Select
            label="Buyer"
            placeholder={buyers.length ? 'Choose a buyer' : 'No linked buyers yet'}
            searchable
            data={buyers.map((link) => ({ value: link.partnerId, label: link.partnerName }))}
            value={partnerId}
            onChange={setPartnerId}
            error={errors.partnerId?.join(' ')}
            w={260}
          />
          <TextInput
            label="Limit"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount?.join(' ')}
            w={180}
          />
          <TextInput
            label="Currency"
            maxLength={3}
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            error={errors.currency?.join(' ')}
            w={100}
          />
          <Button type="submit" mt={25} loading={set.isPending} disabled={!partnerId}>
            Save limit
          </Button>
        </Group>
        {set.error && Object.keys(errors).length === 0 && (
          <Text c="red" size="sm" role="alert" mt="xs">
            {errorMessage(set.error)}
          </Text>
        )}
      </form>
    </Paper>
  );
}
