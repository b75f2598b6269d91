import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { describePaymentTerms } from '@tradeloom/shared';
import type { ReactNode } from 'react';
import { formatDate } from '../../lib/format.ts';
import type { RouterOutputs } from '../../lib/trpc.ts';

type Order = RouterOutputs['orders']['get'];

function Term({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  );
}

/** What the parties agreed besides the lines: delivery, payment, where to ship, and the GSTINs sent. */
export function OrderTermsPanel({ order }: { order: Order }) {
  const ourGstin = order.side === 'buyer' ? order.buyerGstin : order.supplierGstin;
  const theirGstin = order.side === 'buyer' ? order.supplierGstin : order.buyerGstin;
  // GSTINs are copied in when the order is sent; until then there is nothing fixed to show.
  const gstin = (value: string | null) =>
    value ?? (order.status === 'draft' || order.status === 'pending_approval' ? 'Fixed when sent' : 'None registered');
  const shipTo = order.shipTo;
  return (
    <Paper withBorder p="lg">
      <Title order={5} mb="xs">
        Terms
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <Term label="Requested delivery" testId="order-delivery-date">
          {order.requestedDeliveryDate ? formatDate(order.requestedDeliveryDate) : 'Not agreed yet'}
        </Term>
        <Term label="Payment terms" testId="order-payment-terms">
          {order.paymentTerms ? describePaymentTerms(order.paymentTerms) : 'Not agreed yet'}
        </Term>
        <Term label="Ship to" testId="order-ship-to">
          {shipTo
            ? [shipTo.name, shipTo.addressLine, shipTo.city, shipTo.state, shipTo.postalCode].filter(Boolean).join(', ')
            : "The buyer's billing address"}
        </Term>
        <Term label="Our GSTIN" testId="order-our-gstin">
          {gstin(ourGstin)}
        </Term>
        <Term label={`${order.partner.name}'s GSTIN`} testId="order-partner-gstin">
          {gstin(theirGstin)}
        </Term>
      </SimpleGrid>
    </Paper>
  );
}
