import { Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { requestLinkInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';

/** Asks a supplier to link with us as their buyer, with a message they read before deciding. */
export function RequestLinkForm({ supplier, onDone }: { supplier: { id: string; name: string }; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(requestLinkInput, {
    defaultValues: { message: '' },
    prepare: (values: { message: string }) => ({ supplierId: supplier.id, message: values.message || undefined }),
  });
  const request = trpc.partners.requestLink.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.partners.directory.invalidate(), utils.partners.list.invalidate()]);
      notifications.show({ color: 'teal', message: `Request sent to ${supplier.name}.` });
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => request.mutate(input)}>
      <Textarea
        label="Message"
        description="Tell them what you buy and in what volumes."
        autosize
        minRows={3}
        {...form.register('message')}
        error={form.messageOf('message')}
      />
      <SubmitRow form={form} loading={request.isPending}>
        Send request
      </SubmitRow>
    </SchemaForm>
  );
}
