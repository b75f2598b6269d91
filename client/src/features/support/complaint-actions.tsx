import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  assignComplaintInput,
  type ComplaintAction,
  type ComplaintView,
  escalateComplaintInput,
  RESOLUTION_KIND_LABELS,
  RESOLUTION_KINDS,
  ROLE_RANK,
  rejectComplaintInput,
  reopenComplaintInput,
  resolveComplaintInput,
} from '@tradeloom/shared';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { errorCode, errorMessage, errorReason } from '../../lib/errors.ts';
import { formatDateTime, trimZeros } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

type Dialog = 'assign' | 'resolve' | 'reject' | 'reopen' | 'escalate';

const LABELS: Record<Dialog, string> = {
  assign: 'Assign',
  resolve: 'Resolve',
  reject: 'Reject',
  reopen: 'Reopen',
  escalate: 'Escalate',
};

const TITLES: Record<Dialog, string> = {
  assign: 'Assign to a member',
  resolve: 'Resolve the complaint',
  reject: 'Reject the complaint',
  reopen: 'Reopen the complaint',
  escalate: 'Escalate to a manager',
};

/** Assigning belongs to managers; every other move to anyone who may write complaints. */
const PERMISSION = {
  assign: 'support:manage',
  resolve: 'support:write',
  reject: 'support:write',
  reopen: 'support:write',
  escalate: 'support:write',
} as const;

interface FormProps {
  complaint: ComplaintView;
  onDone: () => void;
  /** Someone changed the complaint since it was read: the page says so, in these words, and offers a reload. */
  onStale: (message: string) => void;
}

/**
 * The moves the complaint allows now (`actions`, by side and status) that this person's role may
 * make, each in a dialog. A viewer gets none.
 */
export function ComplaintActions({ complaint, onStale }: { complaint: ComplaintView; onStale: (message: string) => void }) {
  const can = useCan();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const allowed = new Set<ComplaintAction>(complaint.actions);
  const shown = (Object.keys(LABELS) as Dialog[]).filter((action) => allowed.has(action) && can(PERMISSION[action]));
  if (shown.length === 0) return null;
  const close = () => setDialog(null);
  const props = {
    complaint,
    onDone: close,
    onStale: (message: string) => {
      close();
      onStale(message);
    },
  };
  return (
    <>
      <Group gap="xs" wrap="wrap" data-testid="complaint-actions">
        {shown.map((action) => (
          <Button
            key={action}
            size="sm"
            variant={action === 'resolve' ? 'filled' : action === 'reject' ? 'light' : 'default'}
            color={action === 'reject' ? 'red' : undefined}
            onClick={() => setDialog(action)}
          >
            {LABELS[action]}
          </Button>
        ))}
      </Group>
      <Modal opened={dialog !== null} onClose={close} title={dialog ? TITLES[dialog] : ''}>
        {dialog === 'assign' && <AssignForm {...props} />}
        {dialog === 'resolve' && <ResolveForm {...props} />}
        {dialog === 'reject' && <RejectForm {...props} />}
        {dialog === 'reopen' && <ReopenForm {...props} />}
        {dialog === 'escalate' && <EscalateForm {...props} />}
      </Modal>
    </>
  );
}

/** What a move's mutation does when it ends: refresh the complaint and its lists, or report a stale version. */
function useMoveHandlers({ onDone, onStale }: FormProps, form: { showServerError: (error: unknown) => void }) {
  const utils = trpc.useUtils();
  return {
    onSuccess: async () => {
      await utils.support.complaints.invalidate();
      onDone();
    },
    onError: (error: unknown) => {
      if (errorCode(error) === 'CONFLICT') {
        // A stale version, or a move the complaint no longer allows: either way the latest record comes first.
        onStale(
          errorReason(error) === 'STALE_VERSION'
            ? 'Someone changed this complaint after you opened it. Reload to see what changed, then try again.'
            : `${errorMessage(error)} Reload to see the complaint as it is now.`,
        );
        return;
      }
      form.showServerError(error);
    },
  };
}

function AssignForm(props: FormProps) {
  const { complaint } = props;
  const members = trpc.companies.members.useQuery();
  // A complaint goes to someone who can answer it: staff or above, not disabled.
  const choices = (members.data ?? [])
    .filter((member) => ROLE_RANK[member.role] >= ROLE_RANK.staff && !member.disabledAt)
    .map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` }));
  const form = useZodForm(assignComplaintInput, {
    defaultValues: { assigneeUserId: complaint.assignee?.id ?? '' },
    prepare: (values: { assigneeUserId: string }) => ({
      complaintId: complaint.id,
      version: complaint.version,
      assigneeUserId: values.assigneeUserId,
    }),
  });
  const assign = trpc.support.complaints.assign.useMutation(useMoveHandlers(props, form));
  return (
    <SchemaForm form={form} onSubmit={(input) => assign.mutate(input)}>
      <Text size="sm">The member answers the buyer and sees the deadlines. Assigning an open complaint puts it in review.</Text>
      <SelectField
        form={form}
        name="assigneeUserId"
        label="Member"
        placeholder={members.isPending ? 'Loading members…' : 'Pick a member'}
        searchable
        required
        allowDeselect={false}
        nothingFoundMessage="No member with staff role or above"
        data={choices}
      />
      <SubmitRow form={form} loading={assign.isPending} disabled={!form.watch('assigneeUserId')}>
        Assign
      </SubmitRow>
    </SchemaForm>
  );
}

interface ResolveValues {
  resolution: string;
  creditAmount: string;
  note: string;
}

function ResolveForm(props: FormProps) {
  const { complaint } = props;
  const form = useZodForm(resolveComplaintInput, {
    defaultValues: { resolution: 'credit_note', creditAmount: complaint.amountClaimed ? trimZeros(complaint.amountClaimed) : '', note: '' },
    // The amount goes only with a credit note: a hidden box's leftover is not sent.
    prepare: (values: ResolveValues) => ({
      complaintId: complaint.id,
      version: complaint.version,
      resolution: values.resolution as (typeof RESOLUTION_KINDS)[number],
      creditAmount: values.resolution === 'credit_note' ? values.creditAmount.trim() || undefined : undefined,
      note: values.note,
    }),
  });
  const resolve = trpc.support.complaints.resolve.useMutation(useMoveHandlers(props, form));
  const kind = form.watch('resolution');
  return (
    <SchemaForm form={form} onSubmit={(input) => resolve.mutate(input)}>
      <Text size="sm">Record what was agreed; a credit note goes to finance to issue. The buyer may reopen within 14 days.</Text>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="resolution-label">
          Resolution
        </Text>
        <Controller
          control={form.control}
          name="resolution"
          render={({ field }) => (
            <SegmentedControl
              aria-labelledby="resolution-label"
              data={RESOLUTION_KINDS.map((value) => ({ value, label: RESOLUTION_KIND_LABELS[value] }))}
              value={field.value}
              onChange={field.onChange}
              fullWidth
            />
          )}
        />
      </Stack>
      {kind === 'credit_note' && (
        <TextInput
          label={`Credit amount (${complaint.currency})`}
          inputMode="decimal"
          required
          {...form.register('creditAmount')}
          error={form.messageOf('creditAmount')}
          w={240}
          maw="100%"
        />
      )}
      <Textarea label="Note to the buyer" required autosize minRows={2} {...form.register('note')} error={form.messageOf('note')} />
      <SubmitRow form={form} loading={resolve.isPending}>
        Resolve
      </SubmitRow>
    </SchemaForm>
  );
}

function RejectForm(props: FormProps) {
  const { complaint } = props;
  const form = useZodForm(rejectComplaintInput, {
    defaultValues: { reason: '' },
    prepare: (values: { reason: string }) => ({ complaintId: complaint.id, version: complaint.version, reason: values.reason }),
  });
  const reject = trpc.support.complaints.reject.useMutation(useMoveHandlers(props, form));
  return (
    <SchemaForm form={form} onSubmit={(input) => reject.mutate(input)}>
      <Text size="sm">The buyer sees your reason and may reopen the complaint within 14 days.</Text>
      <Textarea label="Reason" required autosize minRows={2} {...form.register('reason')} error={form.messageOf('reason')} />
      <SubmitRow form={form} loading={reject.isPending}>
        Reject
      </SubmitRow>
    </SchemaForm>
  );
}

function ReopenForm(props: FormProps) {
  const { complaint } = props;
  const form = useZodForm(reopenComplaintInput, {
    defaultValues: { reason: '' },
    prepare: (values: { reason: string }) => ({ complaintId: complaint.id, version: complaint.version, reason: values.reason }),
  });
  const reopen = trpc.support.complaints.reopen.useMutation(useMoveHandlers(props, form));
  return (
    <SchemaForm form={form} onSubmit={(input) => reopen.mutate(input)}>
      <Text size="sm">
        The complaint goes back into review with the same assignee. You may reopen it until {formatDateTime(complaint.reopenUntil)}.
      </Text>
      <Textarea label="Why reopen" required autosize minRows={2} {...form.register('reason')} error={form.messageOf('reason')} />
      <SubmitRow form={form} loading={reopen.isPending}>
        Reopen
      </SubmitRow>
    </SchemaForm>
  );
}

function EscalateForm(props: FormProps) {
  const { complaint } = props;
  const form = useZodForm(escalateComplaintInput, {
    defaultValues: { note: '' },
    prepare: (values: { note: string }) => ({ complaintId: complaint.id, note: values.note.trim() || undefined }),
  });
  const escalate = trpc.support.complaints.escalate.useMutation(useMoveHandlers(props, form));
  return (
    <SchemaForm form={form} onSubmit={(input) => escalate.mutate(input)}>
      <Text size="sm">
        {complaint.side === 'buyer'
          ? "The supplier's managers are told that you escalated it."
          : 'Your managers are told and the complaint is marked escalated for both sides.'}
      </Text>
      <Textarea label="Note (optional)" autosize minRows={2} {...form.register('note')} error={form.messageOf('note')} />
      <SubmitRow form={form} loading={escalate.isPending}>
        Escalate
      </SubmitRow>
    </SchemaForm>
  );
}
