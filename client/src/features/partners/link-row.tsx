import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { LinkAction } from '@tradeloom/shared';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { notifyError } from '../../lib/notify.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { StartConversationButton } from '../messaging/start-conversation-button.tsx';
import { STATUS_COLORS } from './link-status.ts';

type PartnerLink = RouterOutputs['partners']['list']['items'][number];
type RowAction = Exclude<LinkAction, 'request'>;

const ACTION_LABELS: Record<RowAction, string> = {
  accept: 'Accept',
  deny: 'Deny',
  block: 'Block',
  cancel: 'Withdraw',
  unlink: 'Unlink',
  unblock: 'Unblock',
};

/** One partner link: who, its status, and the buttons the link's state and our role allow. */
export function LinkRow({ link }: { link: PartnerLink }) {
  return (
    <Table.Tr data-testid={`link-${link.partnerName}`}>
      <Table.Td>
        {link.partnerName}{' '}
        {!link.partnerClaimed && (
          <Badge miw="max-content" size="xs" color="gray" variant="outline">
            not on Tradeloom
          </Badge>
        )}
        {link.partnerVerification === 'verified' && (
          <Badge miw="max-content" size="xs" color="teal" variant="light">
            verified
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{link.partnerRole === 'supplier' ? 'our supplier' : 'our buyer'}</Table.Td>
      <Table.Td>
        <Badge miw="max-content" color={STATUS_COLORS[link.status]} variant="light">
          {link.status}
        </Badge>
      </Table.Td>
      <Table.Td maw={260}>
        <Text size="sm" lineClamp={2}>
          {link.message ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>{formatDateTime(link.updatedAt)}</Table.Td>
      <Table.Td>
        <LinkRowActions link={link} />
      </Table.Td>
    </Table.Tr>
  );
}

function LinkRowActions({ link }: { link: PartnerLink }) {
  const can = useCan();
  const run = useLinkActions();
  const invite = trpc.partners.inviteToClaim.useMutation({
    onSuccess: (result) => notifications.show({ color: 'teal', message: `Invitation to claim sent to ${result.email}.` }),
    onError: notifyError,
  });
  const permitted = (action: LinkAction) => (action === 'cancel' ? can('partners:request') : can('partners:manage'));
  const actions = link.actions
    .filter((action): action is RowAction => action !== 'request' && permitted(action))
    // A company not on Tradeloom cannot answer: the only thing to do with it is unlink.
    .filter((action) => link.partnerClaimed || action === 'unlink');
  return (
    <Group gap={4} wrap="nowrap">
      {actions.map((action) => (
        <Button
          key={action}
          size="xs"
          variant={action === 'accept' ? 'filled' : 'subtle'}
          color={action === 'block' || action === 'deny' ? 'red' : undefined}
          onClick={() => run(link, action)}
        >
          {ACTION_LABELS[action]}
        </Button>
      ))}
      {link.status === 'accepted' && link.partnerRole === 'supplier' && link.partnerClaimed && (
        <Button size="xs" variant="light" component={Link} to={`/partners/${link.partnerId}/catalog`}>
          Catalog
        </Button>
      )}
      {link.status === 'accepted' && link.partnerClaimed && can('messaging:write') && (
        <StartConversationButton partner={{ id: link.partnerId, name: link.partnerName }} />
      )}
      {!link.partnerClaimed && can('partners:manage') && (
        <Button
          size="xs"
          variant="subtle"
          onClick={() => invite.mutate({ companyId: link.partnerId })}
          disabled={!link.partnerContactEmail}
        >
          Invite to claim
        </Button>
      )}
    </Group>
  );
}

/** Runs a link action, asking first where it is hard to undo. */
function useLinkActions() {
  const utils = trpc.useUtils();
  const settled = {
    onSuccess: () => Promise.all([utils.partners.list.invalidate(), utils.partners.directory.invalidate()]),
    onError: notifyError,
  };
  const decide = trpc.partners.decide.useMutation(settled);
  const cancel = trpc.partners.cancel.useMutation(settled);
  const unlink = trpc.partners.unlink.useMutation(settled);
  const block = trpc.partners.block.useMutation(settled);
  const unblock = trpc.partners.unblock.useMutation(settled);
  return (link: PartnerLink, action: RowAction) => {
    const input = { linkId: link.id };
    if (action === 'accept' || action === 'deny') return decide.mutate({ ...input, decision: action });
    if (action === 'block' && !window.confirm(`Block ${link.partnerName}? They cannot ask to link again until you unblock.`)) return;
    if (action === 'unlink' && !window.confirm(`Unlink ${link.partnerName}?`)) return;
    ({ cancel, unlink, block, unblock })[action].mutate(input);
  };
}
