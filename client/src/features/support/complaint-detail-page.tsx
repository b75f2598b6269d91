import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { COMPLAINT_CATEGORY_LABELS, type ComplaintView, formatMoney, RESOLUTION_KIND_LABELS } from '@tradeloom/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { Fact, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { ComplaintCreditNoteButton } from '../finance/complaint-credit-note-button.tsx';
import { DocumentConversation } from '../messaging/document-conversation.tsx';
import { ComplaintActions } from './complaint-actions.tsx';
import { COMPLAINT_NOT_FOUND, ComplaintStatusBadge, SlaBadge } from './complaint-badges.tsx';
import { ComplaintTimeline } from './complaint-timeline.tsx';

/** One complaint as the caller's side holds it: the shared record and its own internal notes. */
export function ComplaintDetailPage() {
  const { complaintId = '' } = useParams();
  const complaint = trpc.support.complaints.get.useQuery({ complaintId });
  return (
    <QueryView query={complaint} notFound={COMPLAINT_NOT_FOUND}>
      {(data) => <ComplaintDetail complaint={data} reload={() => complaint.refetch()} />}
    </QueryView>
  );
}

function ComplaintDetail({ complaint, reload }: { complaint: ComplaintView; reload: () => Promise<unknown> }) {
  const can = useCan();
  const [stale, setStale] = useState<string | null>(null);
  const buyerSide = complaint.side === 'buyer';
  const other = buyerSide ? complaint.supplier : complaint.buyer;
  return (
    <Stack>
      <Breadcrumbs
        items={[{ label: 'Complaints', to: `/complaints?side=${buyerSide ? 'filed' : 'received'}` }, { label: complaint.number }]}
      />
      <PageHeader
        title={`Complaint ${complaint.number}`}
        description={
          <>
            {COMPLAINT_CATEGORY_LABELS[complaint.category]} · {buyerSide ? `against ${other.name}` : `from ${other.name}`} · about{' '}
            {complaint.about.linkPath ? (
              <Anchor component={Link} to={complaint.about.linkPath} size="sm">
                {complaint.about.document}
              </Anchor>
            ) : (
              complaint.about.document
            )}
          </>
        }
        actions={
          <Group gap="xs">
            <ComplaintStatusBadge status={complaint.status} />
            <SlaBadge sla={complaint.sla} />
          </Group>
        }
      />
      {stale && (
        <Alert color="orange" title="This complaint changed" role="alert" data-testid="complaint-stale">
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{stale}</Text>
            <Button size="xs" variant="light" onClick={() => reload().then(() => setStale(null))}>
              Reload
            </Button>
          </Group>
        </Alert>
      )}
      {complaint.escalated && <EscalationBanner complaint={complaint} />}
      <ComplaintActions complaint={complaint} onStale={setStale} />
      {complaint.resolution && <Resolution complaint={complaint} resolution={complaint.resolution} />}
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Fact label="Filed">
            {formatDateTime(complaint.createdAt)}
            {complaint.filedBy ? ` by ${complaint.filedBy.name}` : ''}
          </Fact>
          <Fact label="First response due" testId="first-response-due">
            {formatDateTime(complaint.firstResponseDueAt)}
            <Text span size="xs" c="dimmed" display="block">
              {complaint.firstRespondedAt ? `answered ${formatDateTime(complaint.firstRespondedAt)}` : 'not answered yet'}
            </Text>
          </Fact>
          <Fact label="Resolution due" testId="resolution-due">
            {formatDateTime(complaint.resolutionDueAt)}
            {complaint.closedAt && (
              <Text span size="xs" c="dimmed" display="block">
                closed {formatDateTime(complaint.closedAt)}
              </Text>
            )}
          </Fact>
          <Fact label="Assigned to" testId="complaint-assignee">
            {complaint.assignee?.name ?? 'Nobody yet'}
          </Fact>
          <Fact label="Amount claimed" testId="amount-claimed">
            {complaint.amountClaimed ? formatMoney(complaint.amountClaimed, complaint.currency) : 'None'}
          </Fact>
          <Fact label="Buyer">{complaint.buyer.name}</Fact>
          <Fact label="Supplier">{complaint.supplier.name}</Fact>
          {complaint.reopenCount > 0 && (
            <Fact label="Reopened">{complaint.reopenCount === 1 ? 'once' : `${complaint.reopenCount} times`}</Fact>
          )}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          Times are in your time zone.
        </Text>
      </Paper>
      <Paper withBorder p="lg">
        <Title order={5} mb="xs">
          Description
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="complaint-description">
          {complaint.description}
        </Text>
        <Title order={6} mt="md" mb={4}>
          Evidence
        </Title>
        {complaint.evidence.length === 0 ? (
          <Text size="sm" c="dimmed">
            No files attached.
          </Text>
        ) : (
          <Stack gap={4}>
            {complaint.evidence.map((file) => (
              <Group key={file.fileId} justify="space-between">
                <Anchor href={`/files/${file.fileId}`} size="sm">
                  {file.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {Math.ceil(file.sizeBytes / 1024)} KB
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
      <ComplaintTimeline complaint={complaint} canWrite={complaint.actions.includes('note') && can('support:write')} />
      <DocumentConversation about={{ type: 'complaint', id: complaint.id }} />
    </Stack>
  );
}

const ESCALATION_WORDS = {
  manual: 'by hand',
  first_response_sla: 'because the first response deadline was missed',
  resolution_sla: 'because the resolution deadline was missed',
} as const;

function EscalationBanner({ complaint }: { complaint: ComplaintView }) {
  const why = complaint.escalationReason ? ESCALATION_WORDS[complaint.escalationReason] : '';
  return (
    <Alert color="red" title="Escalated to a manager" data-testid="escalation-banner">
      <Text size="sm">
        Escalated {why}
        {complaint.escalatedAt ? ` on ${formatDateTime(complaint.escalatedAt)}` : ''}.
      </Text>
    </Alert>
  );
}

function Resolution({ complaint, resolution }: { complaint: ComplaintView; resolution: NonNullable<ComplaintView['resolution']> }) {
  return (
    <Paper withBorder p="lg" data-testid="complaint-resolution">
      <Title order={5} mb="xs">
        {complaint.status === 'resolved' ? 'Resolution' : 'Last resolution'}
      </Title>
      <Text size="sm" fw={500}>
        {RESOLUTION_KIND_LABELS[resolution.kind]}
        {resolution.creditAmount ? `: ${formatMoney(resolution.creditAmount, complaint.currency)}` : ''}
      </Text>
      {resolution.note && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {resolution.note}
        </Text>
      )}
      {complaint.status === 'resolved' && resolution.kind === 'credit_note' && complaint.side === 'supplier' && (
        <ComplaintCreditNoteButton complaintId={complaint.id} />
      )}
      {complaint.reopenUntil && complaint.side === 'buyer' && (
        <Text size="xs" c="dimmed" mt="xs">
          You may reopen it until {formatDateTime(complaint.reopenUntil)}.
        </Text>
      )}
    </Paper>
  );
}
