import { Button, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';

/**
 * On a complaint resolved with a credit note: the supplier (with finance:write) issues the agreed
 * amount as a credit note on the invoice of what the complaint is about, once.
 */
export function ComplaintCreditNoteButton({ complaintId }: { complaintId: string }) {
  const can = useCan();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const issue = trpc.finance.notes.fromComplaint.useMutation({
    onSuccess: async ({ id }) => {
      await utils.finance.notes.invalidate();
      navigate(`/notes/${id}`);
    },
  });
  if (!can('finance:write')) return null;
  return (
    <Group gap="sm" mt="sm" wrap="wrap">
      <Button size="xs" variant="light" loading={issue.isPending} onClick={() => issue.mutate({ complaintId })}>
        Issue the credit note
      </Button>
      {issue.error && (
        <Text c="red" size="sm" role="alert">
          {errorMessage(issue.error)}
        </Text>
      )}
    </Group>
  );
}
