import { Accordion, Alert, Anchor, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  askClarificationInput,
  declineInvitationInput,
  formatQuantity,
  type SupplierTender,
  TENDER_CRITERION_LABELS,
} from '@tradeloom/shared';
import { useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { type NotFoundBack, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import { TenderItemsTable } from '../tenders/tender-items-table.tsx';
import { TenderStatusBadge } from '../tenders/tender-status.tsx';
import { ClosingTime } from './closing-time.tsx';
import { emptyQuote, quoteFromTerms } from './quote-draft.ts';
import { QuoteEditor } from './quote-editor.tsx';
import { MyStateBadge, myState } from './quote-requests-page.tsx';
import { QuoteTermsView, termsInWords } from './quote-terms-view.tsx';

const NOT_FOUND: NotFoundBack = { title: 'Quote request not found', to: '/quote-requests', label: 'Back to quote requests' };

/** A tender this company was invited to quote on, with its quote editor. */
export function QuoteRequestPage() {
  const { tenderId = '' } = useParams();
  const tender = trpc.sourcing.tenders.get.useQuery({ tenderId });
  return (
    <QueryView query={tender} notFound={NOT_FOUND}>
      {(data) => (data.side === 'buyer' ? <Navigate to={`/tenders/${data.id}`} replace /> : <SupplierTenderView tender={data} />)}
    </QueryView>
  );
}

function SupplierTenderView({ tender }: { tender: SupplierTender }) {
  const can = useCan();
  const hasDraft = tender.quotes.some((quote) => quote.status === 'draft');
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Quote requests', to: '/quote-requests' }, { label: tender.number }]} />
      <PageHeader
        title={`${tender.number} · ${tender.title}`}
        description={`Request for quotation from ${tender.buyerName}`}
        actions={
          <Group gap="xs">
            <TenderStatusBadge status={tender.status} />
            <MyStateBadge state={myState({ state: tender.invitation.state, hasDraft })} />
            {can('sourcing:write') && tender.canQuote && tender.invitation.state === 'invited' && <DeclineButton tenderId={tender.id} />}
          </Group>
        }
      />
      <Outcome tender={tender} />
      <TenderDetails tender={tender} />
      <QuoteSection tender={tender} />
      <Clarifications tender={tender} />
      <DocumentConversation about={{ type: 'tender', id: tender.id }} title={`Conversation with ${tender.buyerName}`} />
    </Stack>
  );
}

/** What became of the request, in a sentence: closed, cancelled, awarded to us or to others. */
function Outcome({ tender }: { tender: SupplierTender }) {
  const itemOf = new Map(tender.items.map((item) => [item.id, item]));
  if (tender.status === 'cancelled') {
    return (
      <Alert color="gray" title="Cancelled">
        The buyer cancelled this request{tender.cancelReason ? `: ${tender.cancelReason}` : '.'}
      </Alert>
    );
  }
  if (tender.awards.length > 0) {
    return (
      <Alert color="teal" title="Awarded to you" data-testid="award-outcome">
        <Stack gap={4}>
          {tender.awards.map((award) => {
            const item = itemOf.get(award.itemId);
            return (
              <Text key={`${award.itemId}-${award.quoteId}`} size="sm">
                You were awarded item {item?.lineNo} ({formatQuantity(award.quantity, item?.unit ?? '')}) — order{' '}
                <Anchor component={Link} to={`/orders/${award.orderId}`} size="sm">
                  {award.orderNumber ?? 'opened'}
                </Anchor>
              </Text>
            );
          })}
        </Stack>
      </Alert>
    );
  }
  if (tender.status === 'awarded') {
    return (
      <Alert color="gray" title="Not awarded to you" data-testid="award-outcome">
        {tender.invitation.state === 'quoted'
          ? 'The buyer chose other suppliers this time. Thank you for quoting.'
          : 'The buyer has awarded this request.'}
      </Alert>
    );
  }
  if (!tender.canQuote) {
    return (
      <Alert color="yellow" title="Closed for quotes" data-testid="deadline-passed">
        The deadline passed at {formatDateTime(tender.closedAt ?? tender.closesAt)}; quotes are closed.
      </Alert>
    );
  }
  return null;
}

function TenderDetails({ tender }: { tender: SupplierTender }) {
  const open = tender.status === 'open';
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="lg">
          <Title order={5} mb="xs">
            Terms asked
          </Title>
          <Stack gap={4}>
            <Group gap="xs" align="flex-start">
              <Text size="sm">Quotes close:</Text>
              <ClosingTime closesAt={tender.closesAt} open={open} />
            </Group>
            <Text size="sm">Currency: {tender.currency}</Text>
            <Text size="sm">Deliver to: {tender.deliveryPlace ?? '—'}</Text>
            <Text size="sm">Delivery by: {formatDate(tender.deliveryDate)}</Text>
            <Text size="sm">Payment: {termsInWords(tender.paymentTerms)}</Text>
          </Stack>
        </Paper>
        <Paper withBorder p="lg">
          <Title order={5} mb="xs">
            How quotes are compared
          </Title>
          {tender.criteria.length === 0 ? (
            <Text size="sm">On landed cost (price, freight and GST).</Text>
          ) : (
            <Stack gap={2}>
              {tender.criteria.map((c) => (
                <Text key={c.criterion} size="sm">
                  {TENDER_CRITERION_LABELS[c.criterion]}: {c.weight}%
                </Text>
              ))}
            </Stack>
          )}
          {tender.notes && (
            <Text size="sm" mt="xs">
              {tender.notes}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="lg">
        <Title order={5} mb="xs">
          Items
        </Title>
        <TenderItemsTable items={tender.items} currency={tender.currency} />
        {tender.attachments.length > 0 && (
          <Group gap="sm" mt="sm">
            <Text size="sm">Buyer's files:</Text>
            {tender.attachments.map((file) => (
              <Anchor key={file.fileId} href={`/files/${file.fileId}`} size="sm">
                {file.name}
              </Anchor>
            ))}
          </Group>
        )}
      </Paper>
    </>
  );
}

/** The active quote (or the editor), then the older revisions read-only. */
function QuoteSection({ tender }: { tender: SupplierTender }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const [revising, setRevising] = useState(false);
  // A supplier that declined may still change its mind before the deadline.
  const [reconsidering, setReconsidering] = useState(false);
  const active = tender.quotes.find((quote) => quote.status === 'submitted');
  const draft = tender.quotes.find((quote) => quote.status === 'draft');
  const earlier = tender.quotes.filter((quote) => quote.status === 'superseded' || quote.status === 'withdrawn');
  const withdrawKey = useRef(crypto.randomUUID());
  const withdraw = trpc.sourcing.quotes.withdraw.useMutation({
    onSuccess: () => {
      withdrawKey.current = crypto.randomUUID();
      return Promise.all([utils.sourcing.tenders.get.invalidate({ tenderId: tender.id }), utils.sourcing.invitations.list.invalidate()]);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  const mayWrite = can('sourcing:write') && tender.canQuote;
  const writer = mayWrite && (tender.invitation.state !== 'declined' || reconsidering);
  // A draft saved while revising reopens the editor: it is unfinished work.
  const editing = writer && (!active || revising || Boolean(draft));
  // The newest saved work first: the draft, the active quote, else the last withdrawn or superseded one.
  const saved = active ?? earlier[0];
  const prefillWithoutDraft = saved ? quoteFromTerms(tender, saved.terms) : emptyQuote(tender);
  const prefill = draft ? quoteFromTerms(tender, draft.terms) : prefillWithoutDraft;
  const onWithdraw = () => {
    if (!window.confirm('Withdraw your quote? The buyer will see that you withdrew; you can submit again before the deadline.')) return;
    withdraw.mutate({ tenderId: tender.id, idempotencyKey: withdrawKey.current });
  };
  return (
    <>
      {tender.invitation.state === 'declined' && (
        <Alert color="gray" title="You declined this request">
          {tender.invitation.declineReason ? `Your reason: ${tender.invitation.declineReason}` : 'You gave no reason.'}
          {mayWrite && !reconsidering && (
            <Button mt="sm" size="xs" variant="default" display="block" onClick={() => setReconsidering(true)}>
              Quote after all
            </Button>
          )}
        </Alert>
      )}
      {active && !editing && (
        <Paper withBorder p="lg" data-testid="active-quote">
          <Group justify="space-between" mb="sm" wrap="wrap">
            <Title order={4}>
              Quote submitted — revision {active.revision} at {formatDateTime(active.submittedAt)}
            </Title>
            {writer && (
              <Group gap="xs">
                <Button variant="default" onClick={() => setRevising(true)}>
                  Revise
                </Button>
                <Button variant="light" color="red" loading={withdraw.isPending} onClick={onWithdraw}>
                  Withdraw
                </Button>
              </Group>
            )}
          </Group>
          <QuoteTermsView terms={active.terms} items={tender.items} />
        </Paper>
      )}
      {!active && tender.invitation.state === 'withdrawn' && (
        <Text size="sm">You withdrew your quote{writer ? '; you may submit a new one before the deadline.' : '.'}</Text>
      )}
      {!active && !editing && tender.invitation.state === 'invited' && tender.canQuote && (
        <Text size="sm" c="dimmed">
          No quote submitted yet.
        </Text>
      )}
      {editing && (
        <QuoteEditor
          key={active?.id ?? 'first'}
          tender={tender}
          prefill={prefill}
          prefillWithoutDraft={prefillWithoutDraft}
          draftVersion={draft?.version}
          revising={active ? active.revision : null}
          onSubmitted={() => setRevising(false)}
          onCancel={active ? () => setRevising(false) : undefined}
        />
      )}
      {earlier.length > 0 && (
        <Paper withBorder p="lg">
          <Title order={5} mb="xs">
            Earlier revisions
          </Title>
          <Accordion variant="separated">
            {earlier.map((quote) => (
              <Accordion.Item key={quote.id} value={quote.id}>
                <Accordion.Control>
                  Revision {quote.revision} · {quote.status === 'withdrawn' ? 'withdrawn' : 'superseded'} · submitted{' '}
                  {formatDateTime(quote.submittedAt)}
                  {quote.withdrawnAt ? ` · withdrawn ${formatDateTime(quote.withdrawnAt)}` : ''}
                </Accordion.Control>
                <Accordion.Panel>
                  <QuoteTermsView terms={quote.terms} items={tender.items} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Paper>
      )}
    </>
  );
}

function DeclineButton({ tenderId }: { tenderId: string }) {
  const [opened, setOpened] = useState(false);
  const utils = trpc.useUtils();
  const form = useZodForm(declineInvitationInput, { defaultValues: { tenderId, reason: '' } });
  const decline = trpc.sourcing.invitations.decline.useMutation({
    onSuccess: () => {
      setOpened(false);
      return Promise.all([utils.sourcing.tenders.get.invalidate({ tenderId }), utils.sourcing.invitations.list.invalidate()]);
    },
    onError: (error) => form.showServerError(error),
  });
  return (
    <>
      <Button variant="light" color="red" onClick={() => setOpened(true)}>
        Decline
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title="Decline to quote">
        <SchemaForm form={form} onSubmit={(values) => decline.mutate(values)}>
          <Textarea
            label="Reason (optional)"
            description="The buyer sees it, e.g. “Out of stock until March”."
            autosize
            minRows={2}
            {...form.register('reason')}
            error={form.messageOf('reason')}
          />
          <SubmitRow form={form} loading={decline.isPending}>
            Decline request
          </SubmitRow>
        </SchemaForm>
      </Modal>
    </>
  );
}

/** Questions and the buyer's published answers; who asked is never shown, except "you asked". */
function Clarifications({ tender }: { tender: SupplierTender }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const form = useZodForm(askClarificationInput, { defaultValues: { tenderId: tender.id, question: '' } });
  const ask = trpc.sourcing.clarifications.ask.useMutation({
    onSuccess: () => {
      form.reset({ tenderId: tender.id, question: '' });
      notifications.show({ color: 'teal', message: 'Question sent. The answer is published to every invited supplier.' });
      return utils.sourcing.tenders.get.invalidate({ tenderId: tender.id });
    },
    onError: (error) => form.showServerError(error),
  });
  return (
    <Paper withBorder p="lg">
      <Title order={5} mb="xs">
        Questions and answers
      </Title>
      <Stack gap="sm">
        {tender.clarifications.length === 0 && (
          <Text size="sm" c="dimmed">
            No questions yet.
          </Text>
        )}
        {tender.clarifications.map((c) => (
          <div key={c.id} data-testid="clarification">
            <Group gap="xs">
              <Text size="sm" fw={600}>
                Q: {c.question}
              </Text>
              {c.askedByYou && (
                <Badge size="xs" variant="light">
                  you asked
                </Badge>
              )}
            </Group>
            <Text size="sm" c={c.answer ? undefined : 'dimmed'}>
              {c.answer ? `A: ${c.answer}` : 'Not answered yet.'}
            </Text>
          </div>
        ))}
        {can('sourcing:write') && tender.canQuote && (
          <SchemaForm form={form} onSubmit={(values) => ask.mutate(values)}>
            <Textarea
              label="Ask a question"
              description="The buyer's answer is published to every invited supplier without your name."
              autosize
              minRows={2}
              {...form.register('question')}
              error={form.messageOf('question')}
            />
            <SubmitRow form={form} loading={ask.isPending}>
              Send question
            </SubmitRow>
          </SchemaForm>
        )}
      </Stack>
    </Paper>
  );
}
