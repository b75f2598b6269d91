import { Autocomplete, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { createLotInput, type LotView } from '@tradeloom/shared';
import { useRef, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { FileAttachments } from '../../components/file-attachments.tsx';
import { FieldMessage, SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { draftFromLot, emptyLotDraft, type LotDraft, lotInput } from './lot-draft.ts';
import { lotPath } from './lots-page.tsx';
import { LotResultFields } from './quality-fields.tsx';
import { useCityNames, useCommodity, useStates } from './use-masters.ts';

const LOT_NOT_FOUND = { title: 'Lot not found', to: '/lots', label: 'Back to lots' };

export function NewLotPage() {
  return (
    <Stack>
      <PageHeader title="New lot" description="A batch of bales with its lab results; offer it on the desk once saved." />
      <LotForm initial={emptyLotDraft(new Date())} />
    </Stack>
  );
}

export function EditLotPage() {
  const { lotId = '' } = useParams();
  const lot = trpc.tradedesk.lots.get.useQuery({ lotId }, { retry: false });
  return (
    <Stack>
      <PageHeader title={lot.data ? `Edit lot ${lot.data.number}` : 'Edit lot'} />
      <QueryView query={lot} notFound={LOT_NOT_FOUND}>
        {(found) => <LotForm key={`${found.id}:${found.version}`} initial={draftFromLot(found)} saved={found} />}
      </QueryView>
    </Stack>
  );
}

interface AttachedReport {
  fileId: string;
  filename: string;
  sizeBytes: number;
}

function LotForm({ initial, saved }: { initial: LotDraft; saved?: LotView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useZodForm(createLotInput, { defaultValues: initial, prepare: lotInput });
  const commodityCode = form.watch('commodityCode');
  const stateCode = form.watch('stateCode');
  const { commodities, parameters, varieties } = useCommodity(commodityCode);
  const states = useStates();
  const cities = useCityNames(stateCode);
  const [report, setReport] = useState<AttachedReport | null>(
    saved?.testReport ? { fileId: saved.testReport.fileId, filename: saved.testReport.name, sizeBytes: saved.testReport.size } : null,
  );
  const idempotencyKey = useRef(crypto.randomUUID());
  const create = trpc.tradedesk.lots.create.useMutation();
  const update = trpc.tradedesk.lots.update.useMutation();

  const setReportFile = (next: AttachedReport | null) => {
    setReport(next);
    form.setValue('testReportFileId', next?.fileId ?? '', { shouldDirty: true });
  };

  const submit = async (input: ReturnType<typeof createLotInput.parse>) => {
    try {
      const result = saved
        ? await update.mutateAsync({ ...input, lotId: saved.id, version: saved.version })
        : await create.mutateAsync({ ...input, idempotencyKey: idempotencyKey.current });
      await queryClient.invalidateQueries({ queryKey: [['tradedesk']] });
      navigate(lotPath(result.id));
    } catch (error) {
      // Someone saved the lot since it was opened: say so rather than overwrite their change.
      if (errorCode(error) === 'CONFLICT' && saved)
        form.setError('root.server', { type: 'server', message: `${errorMessage(error)} Reload the lot to see the latest.` });
      else form.showServerError(error);
    }
  };

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
      <SchemaForm form={form} onSubmit={submit}>
        <Group align="flex-start" wrap="wrap">
          <SelectField
            form={form}
            name="commodityCode"
            label="Commodity"
            required
            allowDeselect={false}
            data={(commodities.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
            w={220}
            maw="100%"
          />
          <SelectField
            form={form}
            name="varietyCode"
            label="Variety"
            clearable
            searchable
            data={varieties.map((v) => ({ value: v.code, label: v.name }))}
            w={220}
            maw="100%"
          />
          <TextInput
            label="Crop year"
            required
            placeholder="2025-26"
            {...form.register('cropYear')}
            error={form.messageOf('cropYear')}
            w={140}
          />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <TextInput label="Bales" required inputMode="numeric" {...form.register('bales')} error={form.messageOf('bales')} w={140} />
          <TextInput
            label="Net weight (kg)"
            required
            inputMode="decimal"
            description="A bale is about 170 kg of lint."
            {...form.register('netWeightKg')}
            error={form.messageOf('netWeightKg')}
            w={200}
          />
        </Group>
        <Group align="flex-start" wrap="wrap">
          <SelectField form={form} name="stateCode" label="State" required searchable data={states} w={220} maw="100%" />
          <Controller
            control={form.control}
            name="city"
            render={({ field }) => (
              <Autocomplete
                label="City"
                required
                data={cities}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={form.messageOf('city')}
                w={200}
                maw="100%"
              />
            )}
          />
          <TextInput label="Warehouse" {...form.register('warehouse')} error={form.messageOf('warehouse')} w={240} maw="100%" />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Lab results (HVI)
          </Text>
          <Text size="xs" c="dimmed">
            As the test report states them; leave a parameter empty when it was not tested.
          </Text>
          <LotResultFields form={form} parameters={parameters} />
        </Stack>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label="Colour grade"
            placeholder="31-1"
            {...form.register('quality.colourGrade')}
            error={form.messageOf('quality.colourGrade')}
            w={140}
          />
          <TextInput label="Laboratory" {...form.register('labName')} error={form.messageOf('labName')} w={260} maw="100%" />
          <TextInput type="date" label="Tested on" {...form.register('testedOn')} error={form.messageOf('testedOn')} w={180} />
        </Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Test report
          </Text>
          <FileAttachments
            query={{
              data: report ? [{ ...report, removable: true }] : [],
              error: null,
              isPending: false,
              refetch: () => undefined,
            }}
            canAttach={!report}
            attach={async (fileId, uploaded) => setReportFile({ fileId, filename: uploaded.filename, sizeBytes: uploaded.sizeBytes })}
            remove={() => setReportFile(null)}
            label="Add the report (PDF, PNG or JPEG)"
          />
          <FieldMessage message={form.messageOf('testReportFileId')} />
        </Stack>
        <Textarea label="Notes" autosize minRows={2} {...form.register('notes')} error={form.messageOf('notes')} />
        <SubmitRow form={form} loading={create.isPending || update.isPending}>
          {saved ? 'Save lot' : 'Add lot'}
        </SubmitRow>
      </SchemaForm>
    </Paper>
  );
}
