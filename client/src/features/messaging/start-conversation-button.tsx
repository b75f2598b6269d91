import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { trpc } from '../../lib/trpc.ts';
import { MessageComposer } from './message-composer.tsx';

/**
 * "Message" for an active partner: the first message starts a general conversation (or joins the
 * one already open between us) and opens it.
 */
export function StartConversationButton({ partner }: { partner: { id: string; name: string } }) {
  const [opened, { open, close }] = useDisclosure();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const start = trpc.messaging.conversations.start.useMutation({
    onSuccess: async (result) => {
      await utils.messaging.conversations.list.invalidate();
      close();
      navigate(`/messages/${result.id}`);
    },
  });
  return (
    <>
      <Button size="xs" variant="light" onClick={open}>
        Message
      </Button>
      <Modal opened={opened} onClose={close} title={`Message ${partner.name}`}>
        <MessageComposer
          label="Your message"
          sendLabel="Send"
          onSend={(message) =>
            start.mutateAsync({ partnerCompanyId: partner.id, body: message.body, attachmentFileIds: message.attachmentFileIds })
          }
        />
      </Modal>
    </>
  );
}
