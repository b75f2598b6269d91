import { Anchor, Button, Group, List, Modal, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  answerClarificationInput,
  type BuyerTender,
  cancelTenderInput,
  describePaymentTerms,
  extendTenderInput,
  formatQuantity,
  TENDER_CRITERION_LABELS,
} from '@tradeloom/shared';
import { type ReactNode, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, NumberCell, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, errorReason } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import { type Candidate, SupplierPicker } from './supplier-picker.tsx';
import { TenderItemsTable } from './tender-items-table.tsx';
import { closesIn, fromLocalInput, TENDER_NOT_FOUND, TenderStatusBadge, toLocalInput, useNow } from './tender-status.tsx';

type Invitee = BuyerTender['invitees'][number];

const DEADLINE_LABELS: Record<BuyerTender['status'], string> = {
  draft: 'Quotes are to close',
  open: 'Quotes close',
  closed: 'Quotes closed',
  awarded: 'Quotes closed',
  cancelled: 'Was to close',
};

/** One tender as its buyer sees it; a supplier opening the same address is sent to its own view. */
export function TenderDetailPage() {
  const { tenderId = '' } = useParams();
  const tender = trpc.sourcing.tenders.get.useQuery({ tenderId });
  return (
    <QueryView query={tender} notFound={TENDER_NOT_FOUND}>
      {(data) => (data.side === 'buyer' ? <BuyerTenderView tender={data} /> : <Navigate to={`/quote-requests/${data.id}`} replace />)}
    </QueryView>
  );
}

function BuyerTenderView({ tender }: { tender: BuyerTender }) {
  const can = useCan();
  const now = useNow();
  const writer = can('sourcing:write');
  const quoted = tender.invitees.filter((i) => i.state === 'quoted').length;
  const answered = tender.invitees.filter((i) => i.state !== 'invited').length;
  const pastDeadline = new Date(tender.closesAt).getTime() <= now.getTime();
  const closed = tender.status === 'closed' || tender.status === 'awarded';
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Tenders', to: '/tenders' }, { label: tender.number }]} />
      <PageHeader
        title={`Tender ${tender.number}`}
        description={tender.title}
        actions={
          <Group gap="xs">
            <TenderStatusBadge status={tender.status} />
          </Group>
        }
      />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text size="sm" data-testid="tender-deadline">
            {DEADLINE_LABELS[tender.status]}: <b>{formatDateTime(closed ? (tender.closedAt ?? tender.closesAt) : tender.closesAt)}</b>
            {tender.closeReason === 'early' && ' (closed early)'}
            {tender.status === 'open' && ` · ${closesIn(tender.closesAt, now)}`}
          </Text>
          {tender.status === 'draft' && pastDeadline && (
            <Text size="sm" c="orange.8">
              This closing time has passed: edit the draft to set a later one before publishing.
            </Text>
          )}
          {tender.status !== 'draft' && (
            <Text size="sm" fw={600} data-testid="quote-count">
              {quoted} of {tender.invitees.length} quoted
            </Text>
          )}
          {tender.sealed && tender.status === 'open' && (
            <Text size="sm" c="dimmed" data-testid="sealed-note">
              Quotes stay sealed until {formatDateTime(tender.closesAt)}: you see who has quoted, never prices.
            </Text>
          )}
          {tender.status === 'cancelled' && (
            <Text size="sm" c="red.8">
              Cancelled {formatDateTime(tender.cancelledAt)}
              {tender.cancelReason ? `: ${tender.cancelReason}` : ''}
            </Text>
          )}
          {writer && <TenderActions tender={tender} pending={tender.invitees.length - answered} pastDeadline={pastDeadline} />}
          {closed && (
            <Group>
              <Button
                component={Link}
                to={`/tenders/${tender.id}/compare`}
                variant={writer && tender.status === 'closed' ? 'filled' : 'light'}
              >
                {writer && tender.status === 'closed' ? 'Compare quotes and award' : 'Compare quotes'}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      {tender.awards.length > 0 && <Awards tender={tender} />}
      <Items tender={tender} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Invitees tender={tender} />
        <Details tender={tender} />
      </SimpleGrid>
      <Clarifications tender={tender} canAnswer={writer} />
      {tender.status !== 'draft' && <DocumentConversation about={{ type: 'tender', id: tender.id }} title="Conversations with suppliers" />}
    </Stack>
  );
}

/** The buyer's moves the tender allows now (`actions`), for a role that may make them. */
function TenderActions({ tender, pending, pastDeadline }: { tender: BuyerTender; pending: number; pastDeadline: boolean }) {
  const utils = trpc.useUtils();
  const [dialog, setDialog] = useState<'invite' | 'extend' | 'cancel' | null>(null);
  const done = () => Promise.all([utils.sourcing.tenders.invalidate()]);
  const failed = (error: unknown) => {
    notifications.show({ color: 'red', message: errorMessage(error) });
    void utils.sourcing.tenders.get.invalidate({ tenderId: tender.id });
  };
  const publish = trpc.sourcing.tenders.publish.useMutation({ onSuccess: done, onError: failed });
  const close = trpc.sourcing.tenders.close.useMutation({ onSuccess: done, onError: failed });
  const allowed = new Set(tender.actions);
  const canCloseEarly = allowed.has('close');
  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="wrap">
        {allowed.has('edit') && (
          <Button size="sm" variant="default" component={Link} to={`/tenders/${tender.id}/edit`}>
            Edit draft
          </Button>
        )}
        {allowed.has('publish') && (
          <Button
            size="sm"
            loading={publish.isPending}
            onClick={() => publish.mutate({ tenderId: tender.id, version: tender.version })}
            disabled={tender.invitees.length === 0}
          >
            Publish
          </Button>
        )}
        {allowed.has('invite') && (
          <Button size="sm" variant="default" onClick={() => setDialog('invite')}>
            {tender.status === 'draft' ? 'Invite suppliers' : 'Invite more suppliers'}
          </Button>
        )}
        {allowed.has('extend') && (
          <Button size="sm" variant="default" onClick={() => setDialog('extend')}>
            Extend deadline
          </Button>
        )}
        {tender.status === 'open' && (
          <Button
            size="sm"
            variant="default"
            disabled={!canCloseEarly}
            loading={close.isPending}
            onClick={() => {
              if (window.confirm('Close the tender now? No supplier can quote or revise after this, and the quotes are unsealed.'))
                close.mutate({ tenderId: tender.id });
            }}
          >
            {pastDeadline ? 'Close now' : 'Close early'}
          </Button>
        )}
        {allowed.has('cancel') && (
          <Button size="sm" variant="light" color="red" onClick={() => setDialog('cancel')}>
            Cancel tender
          </Button>
        )}
      </Group>
      {allowed.has('publish') && tender.invitees.length === 0 && (
        <Text size="xs" c="dimmed">
          Invite at least one supplier to publish.
        </Text>
      )}
      {tender.status === 'open' && !canCloseEarly && (
        <Text size="xs" c="dimmed" data-testid="close-early-reason">
          You can close early once every invited supplier has quoted or declined; {pending} still to answer. Otherwise it closes by itself
          at the deadline.
        </Text>
      )}
      <Modal opened={dialog === 'invite'} onClose={() => setDialog(null)} title="Invite suppliers" size="lg">
        <InviteForm tender={tender} onDone={() => setDialog(null)} />
      </Modal>
      <Modal opened={dialog === 'extend'} onClose={() => setDialog(null)} title="Extend the deadline">
        <ExtendForm tender={tender} onDone={() => setDialog(null)} />
      </Modal>
      <Modal opened={dialog === 'cancel'} onClose={() => setDialog(null)} title="Cancel the tender">
        <CancelForm tender={tender} onDone={() => setDialog(null)} />
      </Modal>
    </Stack>
  );
}

function InviteForm({ tender, onDone }: { tender: BuyerTender; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const [error, setError] = useState<string>();
  const invite = trpc.sourcing.tenders.invite.useMutation({
    onSuccess: async () => {
      await utils.sourcing.tenders.invalidate();
      onDone();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Stack>
      {tender.status === 'open' && (
        <Text size="sm" c="dimmed">
          They are told at once and can quote until {formatDateTime(tender.closesAt)}.
        </Text>
      )}
      <SupplierPicker chosen={chosen} onChange={setChosen} locked={tender.invitees.map((i) => i.supplierId)} error={error} />
      <Group justify="flex-end">
        <Button
          disabled={chosen.length === 0}
          loading={invite.isPending}
          onClick={() => invite.mutate({ tenderId: tender.id, supplierIds: chosen.map((c) => c.companyId) })}
        >
          {chosen.length === 1 ? 'Invite 1 supplier' : `Invite ${chosen.length} suppliers`}
        </Button>
      </Group>
    </Stack>
  );
}

function ExtendForm({ tender, onDone }: { tender: BuyerTender; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(extendTenderInput, {
    defaultValues: { closesAt: toLocalInput(new Date(new Date(tender.closesAt).getTime() + 24 * 3_600_000)) },
    prepare: (values: { closesAt: string }) => ({
      tenderId: tender.id,
      closesAt: values.closesAt ? fromLocalInput(values.closesAt) : undefined,
    }),
  });
  const extend = trpc.sourcing.tenders.extend.useMutation({
    onSuccess: async () => {
      await utils.sourcing.tenders.invalidate();
      onDone();
    },
    // A deadline refused names no field on the server, but it is this input's.
    onError: (error) =>
      errorReason(error) === 'DEADLINE_NOT_LATER' || errorReason(error) === 'DEADLINE_PASSED'
        ? form.setError('closesAt', { type: 'server', message: errorMessage(error) })
        : form.showServerError(error),
  });
  return (
    <SchemaForm
      form={form}
      onSubmit={(input) => {
        // Said here rather than after a round trip: the server refuses the same.
        const wanted = new Date(input.closesAt).getTime();
        if (wanted <= Math.max(Date.now(), new Date(tender.closesAt).getTime())) {
          form.setError('closesAt', { type: 'validate', message: 'Must be later than now and than the current deadline.' });
          return;
        }
        extend.mutate(input);
      }}
    >
      <Text size="sm">Now closing {formatDateTime(tender.closesAt)}. Every invited supplier is told of the new time.</Text>
      <TextInput type="datetime-local" label="New closing time" {...form.register('closesAt')} error={form.messageOf('closesAt')} />
      <SubmitRow form={form} loading={extend.isPending}>
        Extend deadline
      </SubmitRow>
    </SchemaForm>
  );
}

function CancelForm({ tender, onDone }: { tender: BuyerTender; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(cancelTenderInput, {
    defaultValues: { reason: '' },
    prepare: (values: { reason: string }) => ({ tenderId: tender.id, reason: values.reason }),
  });
  const cancel = trpc.sourcing.tenders.cancel.useMutation({
    onSuccess: async () => {
      await utils.sourcing.tenders.invalidate();
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => cancel.mutate(input)}>
      <Text size="sm">
        {tender.status === 'draft'
          ? 'The draft is kept as cancelled.'
          : 'Every invited supplier is told, with your reason. Quotes not yet opened stay sealed for good.'}
      </Text>
      <Textarea label="Reason" required autosize minRows={2} {...form.register('reason')} error={form.messageOf('reason')} />
      <SubmitRow form={form} loading={cancel.isPending}>
        Cancel tender
      </SubmitRow>
    </SchemaForm>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="lg" data-testid={testId}>
      <Title order={5} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Items({ tender }: { tender: BuyerTender }) {
  return (
    <Section title="Items">
      <TenderItemsTable items={tender.items} currency={tender.currency} />
    </Section>
  );
}

function inviteeState(invitee: Invitee): string {
  switch (invitee.state) {
    case 'invited':
      return 'invited, no answer yet';
    case 'quoted':
      return `quoted at ${formatDateTime(invitee.quotedAt)}`;
    case 'declined':
      return invitee.declineReason ? `declined: ${invitee.declineReason}` : 'declined';
    case 'withdrawn':
      return 'withdrew its quote';
  }
}

function Invitees({ tender }: { tender: BuyerTender }) {
  return (
    <Section title={`Invited suppliers (${tender.invitees.length})`} testId="invitees">
      {tender.invitees.length === 0 ? (
        <Text size="sm" c="dimmed">
          No supplier invited yet.
        </Text>
      ) : (
        <Stack gap="xs">
          {tender.invitees.map((invitee) => (
            <div key={invitee.supplierId} data-testid={`invitee-${invitee.supplierName}`}>
              <Text size="sm" fw={500}>
                {invitee.supplierName}
              </Text>
              <Text size="xs" c={invitee.state === 'quoted' ? 'teal.8' : 'dimmed'}>
                {inviteeState(invitee)}
                {invitee.unclaimed ? ' · not on Tradeloom, invited by email' : ''}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Details({ tender }: { tender: BuyerTender }) {
  return (
    <Section title="Terms">
      <Stack gap={4}>
        <Text size="sm">Currency: {tender.currency}</Text>
        <Text size="sm">
          Delivery: {tender.deliveryPlace ?? '—'}
          {tender.deliveryDate ? ` by ${formatDate(tender.deliveryDate)}` : ''}
        </Text>
        <Text size="sm">
          Payment terms:{' '}
          {describePaymentTerms(tender.paymentTerms && { kind: tender.paymentTerms.kind, days: tender.paymentTerms.days ?? undefined })}
        </Text>
        <Text size="sm">
          Criteria:{' '}
          {tender.criteria.length
            ? tender.criteria.map((c) => `${TENDER_CRITERION_LABELS[c.criterion]} ${c.weight}%`).join(', ')
            : 'price alone'}
        </Text>
        {tender.publishedAt && <Text size="sm">Published: {formatDateTime(tender.publishedAt)}</Text>}
        {tender.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            Notes: {tender.notes}
          </Text>
        )}
        {tender.attachments.length > 0 && (
          <List size="sm">
            {tender.attachments.map((file) => (
              <List.Item key={file.fileId}>
                <Anchor href={`/files/${file.fileId}`}>{file.name}</Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Section>
  );
}

function Awards({ tender }: { tender: BuyerTender }) {
  const itemName = new Map(tender.items.map((item) => [item.id, item]));
  return (
    <Section title="Awarded" testId="awards">
      <DataTable minWidth={520} headers={['Item', 'Supplier', { label: 'Quantity', numeric: true }, 'Order']}>
        {tender.awards.map((award) => {
          const item = itemName.get(award.itemId);
          return (
            <Table.Tr key={`${award.itemId}-${award.quoteId}`}>
              <Table.Td>{item?.description ?? '—'}</Table.Td>
              <Table.Td>
                {award.supplierName}
                {award.reason && (
                  <Text size="xs" c="dimmed">
                    {award.reason}
                  </Text>
                )}
              </Table.Td>
              <NumberCell>{formatQuantity(award.quantity, item?.unit ?? '')}</NumberCell>
              <Table.Td>
                <Anchor component={Link} to={`/orders/${award.orderId}`} size="sm">
                  {award.orderNumber ?? 'Draft order'}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </DataTable>
    </Section>
  );
}

function Clarifications({ tender, canAnswer }: { tender: BuyerTender; canAnswer: boolean }) {
  return (
    <Section title="Questions from suppliers" testId="clarifications">
      {tender.clarifications.length === 0 ? (
        <Text size="sm" c="dimmed">
          No questions yet. Suppliers' questions appear here without their names; your answers are published to every invitee.
        </Text>
      ) : (
        <Stack>
          {tender.clarifications.map((c) => (
            <Stack key={c.id} gap={4}>
              <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                Q: {c.question}
              </Text>
              <Text size="xs" c="dimmed">
                Asked {formatDateTime(c.askedAt)}
              </Text>
              {c.answer ? (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  A: {c.answer}{' '}
                  <Text span size="xs" c="dimmed">
                    ({formatDateTime(c.answeredAt)})
                  </Text>
                </Text>
              ) : canAnswer ? (
                <AnswerForm clarificationId={c.id} />
              ) : (
                <Text size="sm" c="dimmed">
                  Not answered yet.
                </Text>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function AnswerForm({ clarificationId }: { clarificationId: string }) {
  const utils = trpc.useUtils();
  const form = useZodForm(answerClarificationInput, {
    defaultValues: { answer: '' },
    prepare: (values: { answer: string }) => ({ clarificationId, answer: values.answer }),
  });
  const answer = trpc.sourcing.clarifications.answer.useMutation({
    onSuccess: () => utils.sourcing.tenders.get.invalidate(),
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => answer.mutate(input)}>
      <Textarea
        label="Answer"
        description="Published to every invited supplier."
        autosize
        minRows={2}
        {...form.register('answer')}
        error={form.messageOf('answer')}
      />
      <SubmitRow form={form} loading={answer.isPending}>
        Publish answer
      </SubmitRow>
    </SchemaForm>
  );
}
