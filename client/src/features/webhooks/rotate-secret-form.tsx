import { NumberInput, Text } from '@mantine/core';
import { rotateWebhookSecretInput, type WebhookEndpointView } from '@tradeloom/shared';
import { Controller } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { SigningSecret } from './signing-secret.tsx';

/**
 * A new signing secret. During the overlap both secrets sign each delivery, so the receiver can
 * switch to the new one without dropping a message; then the new one is shown, once.
 */
export function RotateSecretForm({ endpoint }: { endpoint: WebhookEndpointView }) {
  const utils = trpc.useUtils();
  const form = useZodForm(rotateWebhookSecretInput, {
    defaultValues: { endpointId: endpoint.id, version: endpoint.version, overlapHours: 24 },
  });
  const rotate = trpc.webhooks.endpoints.rotateSecret.useMutation({
    onSuccess: ({ endpoint: saved }) => {
      utils.webhooks.endpoints.get.setData({ endpointId: saved.id }, saved);
      void utils.webhooks.endpoints.list.invalidate();
    },
    onError: form.showServerError,
  });
  if (rotate.data) {
    const until = rotate.data.endpoint.previousSecretExpiresAt;
    return (
      <>
        <SigningSecret secret={rotate.data.secret} title="Your new signing secret" />
        <Text size="sm" mt="sm">
          {until
            ? `The previous secret also signs until ${formatDateTime(until)}: switch your receiver before then.`
            : 'The previous secret no longer signs.'}
        </Text>
      </>
    );
  }
  return (
    <SchemaForm form={form} onSubmit={(input) => rotate.mutate(input)}>
      <Text size="sm">
        Your receiver holds the secret ending in <strong>{endpoint.secretHint}</strong>. While the overlap lasts, each delivery carries a
        signature from both the old and the new secret.
      </Text>
      <Controller
        control={form.control}
        name="overlapHours"
        render={({ field }) => (
          <NumberInput
            label="Overlap (hours)"
            description="0 stops the old secret at once; at most 168 (a week)."
            min={0}
            max={168}
            allowDecimal={false}
            value={field.value}
            onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
            onBlur={field.onBlur}
            error={form.messageOf('overlapHours')}
            w={220}
          />
        )}
      />
      <SubmitRow form={form} loading={rotate.isPending}>
        Rotate secret
      </SubmitRow>
    </SchemaForm>
  );
}
