import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { inviteInput, ROLE_LABELS, ROLE_RANK, ROLES, type Role } from '@tradeloom/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { useCan, useMe } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { MemberSignIns } from './member-sign-ins.tsx';

// Mirrors the server's ladder so the screen offers only changes it would accept.
function canManage(actor: Role | null, target: Role): boolean {
  if (!actor || target === 'owner') return false;
  return actor === 'owner' || ROLE_RANK[actor] > ROLE_RANK[target];
}
function assignableRoles(actor: Role | null): Role[] {
  return ROLES.filter((role) => role !== 'owner' && actor !== null && (actor === 'owner' || ROLE_RANK[actor] >= ROLE_RANK[role]));
}

export function TeamPage() {
  const can = useCan();
  const [inviting, invite] = useDisclosure();
  return (
    <Stack>
      <PageHeader
        title="Team"
        description="Who works in this company and what they may do."
        actions={can('members:manage') && <Button onClick={invite.open}>Invite member</Button>}
      />
      <Members />
      {can('members:manage') && <Invitations />}
      <Modal opened={inviting} onClose={invite.close} title="Invite a member">
        <InviteForm onDone={invite.close} />
      </Modal>
    </Stack>
  );
}

function Members() {
  const me = useMe();
  const can = useCan();
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const members = trpc.companies.members.useQuery();
  const refresh = () => Promise.all([utils.companies.members.invalidate(), utils.audit.list.invalidate()]);
  const setRole = trpc.companies.setRole.useMutation({ onSuccess: refresh, onError: notifyError });
  const remove = trpc.companies.removeMember.useMutation({ onSuccess: refresh, onError: notifyError });
  const disable = trpc.companies.disableMember.useMutation({ onSuccess: refresh, onError: notifyError });
  const enable = trpc.companies.enableMember.useMutation({ onSuccess: refresh, onError: notifyError });
  const [signInsOf, setSignInsOf] = useState<{ userId: string; name: string } | null>(null);
  const transfer = trpc.companies.transferOwnership.useMutation({
    onSuccess: async () => {
      await Promise.all([refresh(), utils.auth.me.invalidate()]);
      notifications.show({ color: 'teal', message: 'Ownership transferred. You are now an admin.' });
    },
    onError: notifyError,
  });
  const leave = trpc.companies.leave.useMutation({
    onSuccess: async () => {
      await utils.auth.me.invalidate();
      navigate('/');
    },
    onError: notifyError,
  });
  const myRole = me.data?.role ?? null;
  const myId = me.data?.user.id;
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Members</Title>
        {myRole && myRole !== 'owner' && (
          <Button
            size="xs"
            color="red"
            variant="subtle"
            onClick={() => window.confirm('Leave this company? You will lose access at once.') && leave.mutate()}
          >
            Leave company
          </Button>
        )}
      </Group>
      <QueryView query={members} isEmpty={(rows) => rows.length === 0} empty="No members.">
        {(rows) => (
          <DataTable striped highlightOnHover headers={['Name', 'Email', 'Role', 'Joined', '']}>
            {rows.map((member) => {
              const role = member.role as Role;
              const manageable = can('members:manage') && member.userId !== myId && canManage(myRole, role);
              return (
                <Table.Tr key={member.userId} data-testid={`member-${member.email}`}>
                  <Table.Td>
                    {member.name}{' '}
                    {member.userId === myId && (
                      <Badge miw="max-content" size="xs" variant="outline">
                        you
                      </Badge>
                    )}{' '}
                    {member.twoFactorEnabled && (
                      <Badge
                        miw="max-content"
                        size="xs"
                        color="teal"
                        variant="light"
                        title="Signs in with a password and an authenticator code"
                      >
                        2FA on
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {member.email}{' '}
                    {!member.emailVerifiedAt && (
                      <Badge miw="max-content" size="xs" color="yellow">
                        unverified
                      </Badge>
                    )}{' '}
                    {member.disabledAt && (
                      <Badge miw="max-content" size="xs" color="red">
                        disabled
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {manageable ? (
                      <Select
                        aria-label={`Role of ${member.name}`}
                        size="xs"
                        w={130}
                        data={assignableRoles(myRole).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                        value={role}
                        allowDeselect={false}
                        onChange={(value) => value && value !== role && setRole.mutate({ userId: member.userId, role: value as Role })}
                      />
                    ) : (
                      <Badge miw="max-content" variant="light">
                        {ROLE_LABELS[role]}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(member.joinedAt)}</Table.Td>
                  <Table.Td>
                    {member.userId !== myId && (manageable || (myRole === 'owner' && can('ownership:transfer'))) && (
                      <Menu withinPortal position="bottom-end">
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={`Actions for ${member.name}`}>
                            ⋯
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {myRole === 'owner' && (
                            <Menu.Item
                              onClick={() =>
                                window.confirm(`Make ${member.name} the owner? You become an admin.`) &&
                                transfer.mutate({ userId: member.userId })
                              }
                            >
                              Transfer ownership
                            </Menu.Item>
                          )}
                          {manageable && (
                            <Menu.Item onClick={() => setSignInsOf({ userId: member.userId, name: member.name })}>
                              Recent sign-ins
                            </Menu.Item>
                          )}
                          {manageable &&
                            (member.disabledAt ? (
                              <Menu.Item onClick={() => enable.mutate({ userId: member.userId })}>Re-enable access</Menu.Item>
                            ) : (
                              <Menu.Item
                                color="orange"
                                onClick={() =>
                                  window.confirm(`Disable ${member.name}? They cannot act for this company until you re-enable them.`) &&
                                  disable.mutate({ userId: member.userId })
                                }
                              >
                                Disable access
                              </Menu.Item>
                            ))}
                          {manageable && (
                            <Menu.Item
                              color="red"
                              onClick={() =>
                                window.confirm(`Remove ${member.name}? They lose access at once.`) &&
                                remove.mutate({ userId: member.userId })
                              }
                            >
                              Remove from company
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </DataTable>
        )}
      </QueryView>
      <MemberSignIns member={signInsOf} onClose={() => setSignInsOf(null)} />
    </Paper>
  );
}

function Invitations() {
  const utils = trpc.useUtils();
  const invitations = trpc.companies.invitations.useQuery();
  const revoke = trpc.companies.revokeInvite.useMutation({
    onSuccess: () => utils.companies.invitations.invalidate(),
    onError: notifyError,
  });
  const colors: Record<string, string> = { pending: 'blue', accepted: 'teal', revoked: 'gray', expired: 'orange' };
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        Invitations
      </Title>
      <QueryView query={invitations} isEmpty={(rows) => rows.length === 0} empty="No invitations sent yet.">
        {(rows) => (
          <DataTable headers={['Email', 'Role', 'Status', 'Invited by', 'Expires', '']}>
            {rows.map((invitation) => (
              <Table.Tr key={invitation.id}>
                <Table.Td>{invitation.email}</Table.Td>
                <Table.Td>{ROLE_LABELS[invitation.role]}</Table.Td>
                <Table.Td>
                  <Badge miw="max-content" color={colors[invitation.status]} variant="light">
                    {invitation.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{invitation.invitedBy}</Table.Td>
                <Table.Td>{formatDateTime(invitation.expiresAt)}</Table.Td>
                <Table.Td>
                  {invitation.status === 'pending' && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate({ invitationId: invitation.id })}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
    </Paper>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const utils = trpc.useUtils();
  const roles = assignableRoles(me.data?.role ?? null);
  const form = useZodForm(inviteInput, {
    defaultValues: { email: '', role: 'staff', withPassword: false, temporaryPassword: '' },
    // The password box counts only while its checkbox is ticked.
    prepare: ({ withPassword, temporaryPassword, ...values }: InviteFormValues) => ({
      ...values,
      temporaryPassword: withPassword ? temporaryPassword : undefined,
    }),
  });
  const withPassword = form.watch('withPassword');
  const invite = trpc.companies.invite.useMutation({
    onSuccess: async (result) => {
      await Promise.all([utils.companies.invitations.invalidate(), utils.companies.members.invalidate()]);
      notifications.show({
        color: 'teal',
        message:
          result.kind === 'member'
            ? `${result.email} was added. They must choose their own password at first sign-in.`
            : `Invitation sent to ${result.email}.`,
      });
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => invite.mutate(input)}>
      <TextInput label="Email" type="email" required {...form.register('email')} error={form.messageOf('email')} />
      <SelectField
        form={form}
        name="role"
        label="Role"
        data={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        allowDeselect={false}
      />
      <Checkbox label="Set a temporary password instead of emailing a link" {...form.register('withPassword')} />
      {withPassword && (
        <PasswordInput
          label="Temporary password"
          description="Share it in person. They must replace it when they first sign in."
          required
          {...form.register('temporaryPassword')}
          error={form.messageOf('temporaryPassword')}
        />
      )}
      <Text size="xs" c="dimmed">
        Invitations expire after 7 days.
      </Text>
      <SubmitRow form={form} loading={invite.isPending}>
        {withPassword ? 'Add member' : 'Send invitation'}
      </SubmitRow>
    </SchemaForm>
  );
}

interface InviteFormValues {
  email: string;
  role: Role;
  withPassword: boolean;
  temporaryPassword: string;
}
