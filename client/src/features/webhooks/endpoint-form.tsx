import { TextInput } from '@mantine/core';
import { createWebhookEndpointInput, updateWebhookEndpointInput, type WebhookEndpointView } from '@tradeloom/shared';
import { Controller } from 'react-hook-form';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm, type ZodForm } from '../../lib/zod-form.ts';
import { EventPicker } from './event-picker.tsx';

// Adding and editing an endpoint draw the same three fields, checked by the server's own schemas;
// the server's refusals (an address it will not call) land under the field they are about.

interface EndpointValues {
  url: string;
  description: string;
  events: string[];
}

function EndpointFields<Output>({ form }: { form: ZodForm<EndpointValues, Output> }) {
  return (
    <>
      <TextInput
        label="Endpoint URL"
        description="The https:// address of your system that receives the events."
        placeholder="https://erp.example.com/tradeloom/webhooks"
        required
        inputMode="url"
        autoComplete="off"
        {...form.register('url')}
        error={form.messageOf('url')}
      />
      <TextInput
        label="Description"
        description="Optional: what receives them, e.g. “Tally sync”."
        {...form.register('description')}
        error={form.messageOf('description')}
      />
      <Controller
        control={form.control}
        name="events"
        render={({ field }) => <EventPicker value={field.value} onChange={field.onChange} error={form.messageOf('events')} />}
      />
    </>
  );
}

export type CreatedEndpoint = { id: string; secret: string; endpoint: WebhookEndpointView };

export function CreateEndpointForm({ onCreated }: { onCreated: (created: CreatedEndpoint) => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm<typeof createWebhookEndpointInput, EndpointValues>(createWebhookEndpointInput, {
    defaultValues: { url: '', description: '', events: [] },
    prepare: (values: EndpointValues) => values,
  });
  const create = trpc.webhooks.endpoints.create.useMutation({
    onSuccess: (created) => {
      void utils.webhooks.endpoints.list.invalidate();
      onCreated(created);
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <EndpointFields form={form} />
      <SubmitRow form={form} loading={create.isPending}>
        Add endpoint
      </SubmitRow>
    </SchemaForm>
  );
}

export function EditEndpointForm({ endpoint, onSaved }: { endpoint: WebhookEndpointView; onSaved: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm<typeof updateWebhookEndpointInput, EndpointValues>(updateWebhookEndpointInput, {
    defaultValues: { url: endpoint.url, description: endpoint.description, events: endpoint.events },
    prepare: (values: EndpointValues) => ({ endpointId: endpoint.id, version: endpoint.version, ...values }),
  });
  const update = trpc.webhooks.endpoints.update.useMutation({
    onSuccess: (saved) => {
      utils.webhooks.endpoints.get.setData({ endpointId: saved.id }, saved);
      void utils.webhooks.endpoints.list.invalidate();
      onSaved();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => update.mutate(input)}>
      <EndpointFields form={form} />
      <SubmitRow form={form} loading={update.isPending}>
        Save changes
      </SubmitRow>
    </SchemaForm>
  );
}
