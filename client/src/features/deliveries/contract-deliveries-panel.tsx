import { Button, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { dispatchContractInput, formatQuantity } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { LoadMore, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { DocumentDeliveriesTable } from './document-deliveries-table.tsx';

/** On the contract page: the trucks sent against it, what is left within its tolerance, and "Dispatch" for the seller. */
export function ContractDeliveriesPanel({ contractId }: { contractId: string }) {
  const can = useCan();
  const readable = can('deliveries:read');
  const remaining = trpc.deliveries.contractRemaining.useQuery({ contractId }, { enabled: readable });
  const deliveries = trpc.deliveries.list.useInfiniteQuery(
    { contractId, limit: 20 },
    { enabled: readable, getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  const [dispatching, setDispatching] = useState(false);
  if (!readable) return null;
  const rows = deliveries.data?.pages.flatMap((page) => page.items);
  const left = remaining.data;
  return (
    <Paper withBorder p="lg" data-testid="contract-deliveries">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <div>
          <Title order={5}>Deliveries</Title>
          {left && (
            <Text size="sm" c="dimmed">
              Dispatched {formatQuantity(left.dispatched, left.unit)} of {formatQuantity(left.quantity, left.unit)}
              {Number(left.tolerancePct) > 0 && ` (up to ${formatQuantity(left.maxQuantity, left.unit)} with the tolerance)`}; accepted{' '}
              {formatQuantity(left.accepted, left.unit)}, rejected {formatQuantity(left.rejected, left.unit)}.
            </Text>
          )}
        </div>
        {left?.dispatchable && Number(left.remaining) > 0 && can('deliveries:write') && (
          <Button size="sm" onClick={() => setDispatching(true)}>
            Dispatch
          </Button>
        )}
      </Group>
      <QueryView
        query={{ ...deliveries, data: rows }}
        isEmpty={(items) => items.length === 0}
        empty="No deliveries against this contract yet."
      >
        {(items) => (
          <>
            <DocumentDeliveriesTable items={items} />
            <LoadMore list={deliveries} />
          </>
        )}
      </QueryView>
      {left && (
        <Modal opened={dispatching} onClose={() => setDispatching(false)} title="Dispatch against the contract" size="lg">
          <ContractDispatchForm contractId={contractId} remaining={left.remaining} unit={left.unit} />
        </Modal>
      )}
    </Paper>
  );
}

interface Values {
  quantity: string;
  bales: string;
  lotNumbers: string;
  transporter: string;
  vehicleNumber: string;
  lrNumber: string;
  ewayBillNumber: string;
  dispatchDate: string;
}

const blank = (value: string) => (value.trim() === '' ? undefined : value.trim());

function ContractDispatchForm({ contractId, remaining, unit }: { contractId: string; remaining: string; unit: string }) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = useZodForm(dispatchContractInput, {
    defaultValues: {
      quantity: remaining.replace(/\.?0+$/, ''),
      bales: '',
      lotNumbers: '',
      transporter: '',
      vehicleNumber: '',
      lrNumber: '',
      ewayBillNumber: '',
      dispatchDate: '',
    },
    prepare: (values: Values) => ({
      contractId,
      quantity: values.quantity.trim(),
      bales: values.bales.trim() === '' ? undefined : Number(values.bales),
      lotNumbers: values.lotNumbers.trim()
        ? values.lotNumbers
            .split(',')
            .map((lot) => lot.trim())
            .filter(Boolean)
        : undefined,
      transporter: blank(values.transporter),
      vehicleNumber: blank(values.vehicleNumber),
      lrNumber: blank(values.lrNumber),
      ewayBillNumber: blank(values.ewayBillNumber),
      dispatchDate: blank(values.dispatchDate),
    }),
  });
  const dispatch = trpc.deliveries.dispatchContract.useMutation({
    onSuccess: async (delivery) => {
      await utils.deliveries.invalidate();
      navigate(`/deliveries/${delivery.id}`);
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => dispatch.mutate(input)}>
      <Stack gap="xs">
        <Text size="sm">Left within the contract's tolerance: {formatQuantity(remaining, unit)}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={`Quantity (${unit})`} inputMode="decimal" {...form.register('quantity')} error={form.messageOf('quantity')} />
          <TextInput label="Bales" inputMode="numeric" {...form.register('bales')} error={form.messageOf('bales')} />
          <TextInput label="Lot numbers" placeholder="LOT-1, LOT-2" {...form.register('lotNumbers')} error={form.messageOf('lotNumbers')} />
          <TextInput label="Transporter" {...form.register('transporter')} error={form.messageOf('transporter')} />
          <TextInput label="Vehicle number" {...form.register('vehicleNumber')} error={form.messageOf('vehicleNumber')} />
          <TextInput label="LR number" {...form.register('lrNumber')} error={form.messageOf('lrNumber')} />
          <TextInput
            label="E-way bill number"
            description="Generated on the government's e-way bill portal; Tradeloom cannot generate one."
            inputMode="numeric"
            {...form.register('ewayBillNumber')}
            error={form.messageOf('ewayBillNumber')}
          />
          <TextInput
            type="date"
            label="Dispatch date"
            description="Today if left empty"
            {...form.register('dispatchDate')}
            error={form.messageOf('dispatchDate')}
          />
        </SimpleGrid>
        <SubmitRow form={form} loading={dispatch.isPending}>
          Dispatch
        </SubmitRow>
      </Stack>
    </SchemaForm>
  );
}
