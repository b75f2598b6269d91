import { Badge, Modal, Table } from '@mantine/core';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { describeUserAgent, formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';

/** A member's latest sign-ins and refused attempts, for an admin deciding whether to disable them. */
export function MemberSignIns({ member, onClose }: { member: { userId: string; name: string } | null; onClose: () => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={member ? `Recent sign-ins of ${member.name}` : ''} size="lg">
      {member && <SignInTable userId={member.userId} />}
    </Modal>
  );
}

function SignInTable({ userId }: { userId: string }) {
  const signIns = trpc.companies.memberSignIns.useQuery({ userId });
  return (
    <QueryView query={signIns} isEmpty={(rows) => rows.length === 0} empty="No sign-ins recorded yet.">
      {(rows) => (
        <DataTable headers={['When', 'Address', 'Device', '']}>
          {rows.map((row) => (
            <Table.Tr key={`${row.occurredAt}-${row.ip}`}>
              <Table.Td>{formatDateTime(row.occurredAt)}</Table.Td>
              <Table.Td ff="monospace">{row.ip ?? '—'}</Table.Td>
              <Table.Td>{describeUserAgent(row.device)}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={row.succeeded ? 'teal' : 'red'}>
                  {row.succeeded ? 'signed in' : 'refused'}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </QueryView>
  );
}
