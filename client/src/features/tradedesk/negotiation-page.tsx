import { Alert, Anchor, Button, Group, Modal, Paper, Stack, Table, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { describeTerms, type NegotiationTerms, type NegotiationView } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { errorMessage, errorReason } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import { type MasterNames, NEGOTIATION_NOT_FOUND, NegotiationStatusBadge, useMasterNames, VerifiedBadge } from './deal-format.tsx';
import { SideBadge } from './desk-badges.tsx';
import { withTermName } from './terms-draft.ts';
import { TermsForm } from './terms-form.tsx';

/** One negotiation: its rounds as a timeline, whose turn it is and the moves the server allows now. */
export function NegotiationPage() {
  const { negotiationId = '' } = useParams();
  const negotiation = trpc.tradedesk.negotiations.get.useQuery({ negotiationId });
  return (
    <QueryView query={negotiation} notFound={NEGOTIATION_NOT_FOUND}>
      {(data) => <NegotiationDetail negotiation={data} />}
    </QueryView>
  );
}

function NegotiationDetail({ negotiation }: { negotiation: NegotiationView }) {
  const can = useCan();
  const writer = can('tradedesk:write');
  const names = useMasterNames(negotiation.offer.commodityCode);
  const [countering, setCountering] = useState(false);
  // Said after a refused accept, once the newer version is on screen.
  const [stale, setStale] = useState<string | null>(null);
  const allowed = new Set(writer ? negotiation.allowedActions : []);
  const current = negotiation.rounds.find((round) => round.version === negotiation.currentVersion) ?? negotiation.rounds.at(-1);
  return (
    <Stack>
      <Breadcrumbs
        items={[
          { label: 'Desk', to: '/desk' },
          { label: negotiation.offerNumber, to: `/desk/offers/${negotiation.offerId}` },
          { label: `Negotiation with ${negotiation.counterparty.name}` },
        ]}
      />
      <PageHeader
        title={`Negotiation on ${negotiation.offerNumber}`}
        description={`${negotiation.commodityName} · with ${negotiation.counterparty.name}`}
        actions={
          <Group gap="xs">
            <SideBadge side={negotiation.offerSide} />
            <NegotiationStatusBadge status={negotiation.status} />
          </Group>
        }
      />
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group gap={6}>
            <Text size="sm">
              {negotiation.myRole === 'owner' ? 'On your offer, with' : 'On the offer of'} <b>{negotiation.counterparty.name}</b>
            </Text>
            <VerifiedBadge verified={negotiation.counterparty.verified} />
          </Group>
          <TurnLine negotiation={negotiation} />
          {stale && (
            <Alert color="orange" role="alert" data-testid="stale-notice" withCloseButton onClose={() => setStale(null)}>
              {stale}
            </Alert>
          )}
          {negotiation.contractId && (
            <Button component={Link} to={`/contracts/${negotiation.contractId}`} w="fit-content">
              Open the contract
            </Button>
          )}
          {allowed.size > 0 && current && (
            <NegotiationActions
              negotiation={negotiation}
              allowed={allowed}
              names={names}
              onCounter={() => setCountering(true)}
              onStale={setStale}
            />
          )}
        </Stack>
      </Paper>
      {countering && allowed.has('counter') && current && (
        <TermsForm
          mode="counter"
          offer={negotiation.offer}
          negotiationId={negotiation.id}
          current={{ version: negotiation.currentVersion, terms: current.terms }}
          onCancel={() => setCountering(false)}
          onSent={() => {
            setCountering(false);
            notifications.show({ color: 'teal', message: `Counter-offer sent to ${negotiation.counterparty.name}.` });
          }}
        />
      )}
      {current && <CurrentTerms negotiation={negotiation} terms={current.terms} names={names} />}
      <Rounds negotiation={negotiation} names={names} />
      <DocumentConversation
        about={{ type: 'negotiation', id: negotiation.id }}
        title={`Conversation with ${negotiation.counterparty.name}`}
      />
    </Stack>
  );
}

function TurnLine({ negotiation }: { negotiation: NegotiationView }) {
  if (negotiation.status !== 'open') {
    return (
      <Text size="sm" data-testid="turn">
        Ended{negotiation.endReason ? `: ${negotiation.endReason}` : '.'}
      </Text>
    );
  }
  return (
    <Text size="sm" data-testid="turn">
      {negotiation.yourTurn
        ? `Your turn: version ${negotiation.currentVersion} waits for your answer.`
        : `Waiting for ${negotiation.counterparty.name} to answer version ${negotiation.currentVersion}.`}{' '}
      <Text span c="dimmed" size="sm">
        Expires {formatDateTime(negotiation.expiresAt)}.
      </Text>
    </Text>
  );
}

function NegotiationActions({
  negotiation,
  allowed,
  names,
  onCounter,
  onStale,
}: {
  negotiation: NegotiationView;
  allowed: Set<string>;
  names: MasterNames;
  onCounter: () => void;
  onStale: (message: string | null) => void;
}) {
  const [dialog, setDialog] = useState<'accept' | 'reject' | 'cancel' | null>(null);
  const close = () => setDialog(null);
  return (
    <Group gap="xs" data-testid="negotiation-actions">
      {allowed.has('accept') && (
        <Button color="teal" onClick={() => setDialog('accept')}>
          Accept
        </Button>
      )}
      {allowed.has('counter') && (
        <Button variant="default" onClick={onCounter}>
          Counter
        </Button>
      )}
      {allowed.has('reject') && (
        <Button variant="light" color="red" onClick={() => setDialog('reject')}>
          Reject
        </Button>
      )}
      {allowed.has('cancel') && (
        <Button variant="subtle" color="gray" onClick={() => setDialog('cancel')}>
          Call off
        </Button>
      )}
      <Modal opened={dialog === 'accept'} onClose={close} title={`Accept version ${negotiation.currentVersion}?`} size="lg">
        <AcceptDialog negotiation={negotiation} names={names} onClose={close} onStale={onStale} />
      </Modal>
      <Modal opened={dialog === 'reject'} onClose={close} title="Reject these terms?">
        <EndDialog negotiation={negotiation} kind="reject" onClose={close} />
      </Modal>
      <Modal opened={dialog === 'cancel'} onClose={close} title="Call off the negotiation?">
        <EndDialog negotiation={negotiation} kind="cancel" onClose={close} />
      </Modal>
    </Group>
  );
}

/** Accepting makes the contract: the dialog shows exactly the terms it will hold. */
function AcceptDialog({
  negotiation,
  names,
  onClose,
  onStale,
}: {
  negotiation: NegotiationView;
  names: MasterNames;
  onClose: () => void;
  onStale: (message: string | null) => void;
}) {
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const accept = trpc.tradedesk.negotiations.accept.useMutation({
    onSuccess: async ({ contractId }) => {
      onClose();
      void utils.tradedesk.invalidate();
      void utils.contracts.invalidate();
      navigate(`/contracts/${contractId}`);
    },
    onError: async (error) => {
      onClose();
      // Reload first, so the notice names the version now on screen.
      await utils.tradedesk.negotiations.get.invalidate({ negotiationId: negotiation.id });
      const reload = utils.tradedesk.negotiations.get.getData({ negotiationId: negotiation.id });
      if (errorReason(error) === 'STALE_VERSION') {
        onStale(`The other side changed the terms — review version ${reload?.currentVersion ?? 'the latest'} before you accept.`);
      } else {
        onStale(errorMessage(error));
      }
    },
  });
  const current = negotiation.rounds.find((round) => round.version === negotiation.currentVersion);
  return (
    <Stack>
      <Text size="sm">
        Accepting version {negotiation.currentVersion} makes a contract with {negotiation.counterparty.name} on these terms. It cannot be
        undone here.
      </Text>
      {current && <TermsTable terms={current.terms} names={names} />}
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          Not yet
        </Button>
        <Button
          color="teal"
          loading={accept.isPending}
          onClick={() => {
            onStale(null);
            accept.mutate({ negotiationId: negotiation.id, version: negotiation.currentVersion });
          }}
        >
          Accept and make the contract
        </Button>
      </Group>
    </Stack>
  );
}

function EndDialog({ negotiation, kind, onClose }: { negotiation: NegotiationView; kind: 'reject' | 'cancel'; onClose: () => void }) {
  const utils = trpc.useUtils();
  const [reason, setReason] = useState('');
  const handlers = {
    onSuccess: async () => {
      onClose();
      await utils.tradedesk.invalidate();
    },
    onError: (error: unknown) => {
      notifications.show({ color: 'red', message: errorMessage(error) });
      void utils.tradedesk.negotiations.get.invalidate({ negotiationId: negotiation.id });
    },
  };
  const reject = trpc.tradedesk.negotiations.reject.useMutation(handlers);
  const cancel = trpc.tradedesk.negotiations.cancel.useMutation(handlers);
  const submit = () => {
    const why = reason.trim() || undefined;
    if (kind === 'reject') reject.mutate({ negotiationId: negotiation.id, version: negotiation.currentVersion, reason: why });
    else cancel.mutate({ negotiationId: negotiation.id, reason: why });
  };
  return (
    <Stack>
      <Text size="sm">
        {kind === 'reject'
          ? `The negotiation ends without a deal; ${negotiation.counterparty.name} sees your reason.`
          : `The negotiation ends without a deal, whoever's turn it is; ${negotiation.counterparty.name} sees your reason.`}
      </Text>
      <Textarea label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
      <Group justify="flex-end">
        <Button variant="subtle" onClick={onClose}>
          Keep negotiating
        </Button>
        <Button color="red" loading={reject.isPending || cancel.isPending} onClick={submit}>
          {kind === 'reject' ? 'Reject' : 'Call off'}
        </Button>
      </Group>
    </Stack>
  );
}

/** The whole proposal, worded as the rounds' changes are (shared `describeTerms`), masters by name. */
function TermsTable({ terms, names }: { terms: NegotiationTerms; names: MasterNames }) {
  return (
    <DataTable headers={['Term', 'Value']} minWidth={300} data-testid="terms-table">
      {describeTerms(terms).map((line) => (
        <Table.Tr key={line.field}>
          <Table.Td>{line.field}</Table.Td>
          <Table.Td>{withTermName(line.field, line.value, names.term)}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function CurrentTerms({
  negotiation,
  terms,
  names,
}: {
  negotiation: NegotiationView;
  terms: NegotiationView['latestTerms'];
  names: MasterNames;
}) {
  return (
    <Paper withBorder p="md" data-testid="current-terms">
      <Title order={4} mb="xs">
        {negotiation.status === 'accepted'
          ? `Agreed terms (version ${negotiation.currentVersion})`
          : `Version ${negotiation.currentVersion} on the table`}
      </Title>
      <TermsTable terms={terms} names={names} />
    </Paper>
  );
}

/** Every round, newest first: who proposed it, when, its message and what it changed. */
function Rounds({ negotiation, names }: { negotiation: NegotiationView; names: MasterNames }) {
  const rounds = [...negotiation.rounds].sort((a, b) => b.version - a.version);
  return (
    <Paper withBorder p="md" data-testid="rounds">
      <Title order={4} mb="sm">
        Rounds
      </Title>
      <Timeline active={0} bulletSize={18} lineWidth={2}>
        {rounds.map((round) => (
          <Timeline.Item
            key={round.version}
            title={`Version ${round.version} · ${round.byYou ? 'you' : round.byCompany.name}`}
            data-testid={`round-${round.version}`}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(round.createdAt)}
            </Text>
            {round.message && (
              <Text size="sm" fs="italic">
                “{round.message}”
              </Text>
            )}
            {round.version === 1 || round.changes.length === 0 ? (
              <Text size="sm">{round.version === 1 ? 'Opening proposal.' : 'No terms changed.'}</Text>
            ) : (
              <Stack gap={0}>
                {round.changes.map((change) => (
                  <Text size="sm" key={change.field}>
                    <b>{change.field}</b>: {withTermName(change.field, change.before, names.term) ?? '—'} →{' '}
                    {withTermName(change.field, change.after, names.term) ?? '—'}
                  </Text>
                ))}
              </Stack>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      <Anchor component={Link} to={`/desk/offers/${negotiation.offerId}`} size="sm">
        See the offer {negotiation.offerNumber}
      </Anchor>
    </Paper>
  );
}
