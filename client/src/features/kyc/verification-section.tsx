import { Anchor, Badge, Button, FileInput, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  CERTIFICATION_STANDARDS,
  certificationInput,
  changeRequestInput,
  KYC_DOCUMENT_KINDS,
  KYC_DOCUMENT_LABELS,
  LEGAL_FIELD_LABELS,
  LEGAL_FIELDS,
} from '@tradeloom/shared';
import { useState } from 'react';
import type { z } from 'zod';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { DataTable, QueryView } from '../../components/ui.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useCan } from '../../lib/session.ts';
import { trpc } from '../../lib/trpc.ts';
import { uploadFile } from '../../lib/upload.ts';
import { useZodForm } from '../../lib/zod-form.ts';

const REVIEW_COLORS: Record<string, string> = { pending: 'blue', approved: 'teal', rejected: 'red' };
const EXPIRY_COLORS: Record<string, string> = { valid: 'teal', expiring: 'orange', expired: 'red' };

export function VerificationDocuments() {
  const can = useCan();
  const utils = trpc.useUtils();
  const documents = trpc.kyc.documents.list.useQuery();
  const [kind, setKind] = useState<(typeof KYC_DOCUMENT_KINDS)[number]>('gst_certificate');
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const submit = trpc.kyc.documents.submit.useMutation({
    onSuccess: async () => {
      setFile(null);
      await Promise.all([utils.kyc.documents.list.invalidate(), utils.companies.current.invalidate(), utils.auth.me.invalidate()]);
      notifications.show({ color: 'teal', message: 'Submitted for review. We will tell you when it is checked.' });
    },
  });
  const send = async () => {
    if (!file) return;
    setUploading(true);
    try {
      const uploaded = await uploadFile(file);
      submit.mutate({ kind, fileId: uploaded.id });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setUploading(false);
    }
  };
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Verification documents
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Tradeloom checks these to mark your company verified. An approved GST certificate (or trade licence outside India) verifies it.
      </Text>
      <QueryView query={documents} isEmpty={(rows) => rows.length === 0} empty="No documents submitted yet.">
        {(rows) => (
          <DataTable headers={['Document', 'File', 'Status', 'Submitted']}>
            {rows.map((document) => (
              <Table.Tr key={document.id}>
                <Table.Td>{KYC_DOCUMENT_LABELS[document.kind]}</Table.Td>
                <Table.Td>
                  <Anchor href={`/files/${document.fileId}`}>{document.filename}</Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge miw="max-content" variant="light" color={REVIEW_COLORS[document.status]}>
                    {document.status}
                  </Badge>
                  {document.reviewReason && (
                    <Text size="xs" c="dimmed">
                      {document.reviewReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateTime(document.submittedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {can('kyc:write') && (
        <Group align="flex-end" mt="md">
          <Select
            label="Document"
            data={KYC_DOCUMENT_KINDS.map((k) => ({ value: k, label: KYC_DOCUMENT_LABELS[k] }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as typeof kind)}
            w={300}
          />
          <FileInput
            label="File (PDF, PNG or JPEG, up to 10 MB)"
            accept="application/pdf,image/png,image/jpeg"
            value={file}
            onChange={setFile}
            w={300}
            clearable
          />
          <Button onClick={send} disabled={!file} loading={uploading || submit.isPending}>
            Submit for review
          </Button>
        </Group>
      )}
      {submit.error && (
        <Text c="red" size="sm" mt="xs">
          {errorMessage(submit.error)}
        </Text>
      )}
    </Paper>
  );
}

export function Certifications() {
  const can = useCan();
  const utils = trpc.useUtils();
  const certifications = trpc.kyc.certifications.list.useQuery();
  const remove = trpc.kyc.certifications.remove.useMutation({ onSuccess: () => utils.kyc.certifications.list.invalidate() });
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="sm">
        Certifications
      </Title>
      <QueryView query={certifications} isEmpty={(rows) => rows.length === 0} empty="No certifications recorded.">
        {(rows) => (
          <DataTable headers={['Standard', 'Number', 'Issuer', 'Valid', 'State', '']}>
            {rows.map((certification) => (
              <Table.Tr key={certification.id}>
                <Table.Td>{certification.standard}</Table.Td>
                <Table.Td>
                  {certification.fileId ? (
                    <Anchor href={`/files/${certification.fileId}`}>{certification.number}</Anchor>
                  ) : (
                    certification.number
                  )}
                </Table.Td>
                <Table.Td>{certification.issuer}</Table.Td>
                <Table.Td>
                  {formatDate(certification.validFrom)} – {formatDate(certification.validTo)}
                </Table.Td>
                <Table.Td>
                  <Badge miw="max-content" variant="light" color={EXPIRY_COLORS[certification.state]}>
                    {certification.state === 'expiring' ? 'expires within 30 days' : certification.state}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {can('kyc:write') && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() =>
                        window.confirm(`Remove ${certification.standard} ${certification.number}?`) &&
                        remove.mutate({ certificationId: certification.id })
                      }
                    >
                      Remove
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {can('kyc:write') && <AddCertificationForm />}
    </Paper>
  );
}

export function ChangeRequests() {
  const can = useCan();
  const requests = trpc.kyc.changeRequests.list.useQuery();
  return (
    <Paper withBorder p="lg">
      <Title order={4} mb="xs">
        Changes to legal details
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Once verified, the legal name, tax id and bank account change only after review. Before and after are kept.
      </Text>
      <QueryView query={requests} isEmpty={(rows) => rows.length === 0} empty="No change requests.">
        {(rows) => (
          <DataTable headers={['Field', 'From', 'To', 'Status', 'Requested']}>
            {rows.map((request) => (
              <Table.Tr key={request.id}>
                <Table.Td>{LEGAL_FIELD_LABELS[request.field]}</Table.Td>
                <Table.Td>{request.oldValue ?? '—'}</Table.Td>
                <Table.Td>{request.newValue}</Table.Td>
                <Table.Td>
                  <Badge miw="max-content" variant="light" color={REVIEW_COLORS[request.status]}>
                    {request.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(request.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryView>
      {can('kyc:write') && <RequestChangeForm />}
    </Paper>
  );
}

type Standard = (typeof CERTIFICATION_STANDARDS)[number];
type LegalField = (typeof LEGAL_FIELDS)[number];

function AddCertificationForm() {
  const utils = trpc.useUtils();
  const emptyValues = { standard: 'GOTS' as Standard, number: '', issuer: '', validFrom: '', validTo: '' };
  const form = useZodForm(certificationInput, { defaultValues: emptyValues });
  // The certificate file is uploaded on submit, after the schema passed; its id joins the input.
  const [file, setFile] = useState<File | null>(null);
  const add = trpc.kyc.certifications.add.useMutation({
    onSuccess: async () => {
      form.reset({ ...emptyValues, standard: form.getValues('standard') });
      setFile(null);
      await utils.kyc.certifications.list.invalidate();
    },
    onError: form.showServerError,
  });
  const submit = async (input: z.output<typeof certificationInput>) => {
    try {
      const fileId = file ? (await uploadFile(file)).id : undefined;
      add.mutate({ ...input, fileId });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  };
  return (
    <SchemaForm form={form} onSubmit={submit}>
      <Group align="flex-start" mt="md">
        <SelectField form={form} name="standard" label="Standard" data={[...CERTIFICATION_STANDARDS]} allowDeselect={false} w={150} />
        <TextInput label="Certificate number" required {...form.register('number')} error={form.messageOf('number')} />
        <TextInput label="Issued by" required {...form.register('issuer')} error={form.messageOf('issuer')} />
        <TextInput label="Valid from" type="date" required {...form.register('validFrom')} error={form.messageOf('validFrom')} />
        <TextInput label="Valid to" type="date" required {...form.register('validTo')} error={form.messageOf('validTo')} />
        <FileInput
          label="Certificate (optional)"
          accept="application/pdf,image/png,image/jpeg"
          value={file}
          onChange={setFile}
          clearable
          w={200}
        />
      </Group>
      <SubmitRow form={form} loading={add.isPending}>
        Add
      </SubmitRow>
    </SchemaForm>
  );
}

function RequestChangeForm() {
  const utils = trpc.useUtils();
  const form = useZodForm(changeRequestInput, {
    defaultValues: { field: 'legal_name', newValue: '', note: '' },
    prepare: (values: { field: LegalField; newValue: string; note: string }) => ({ ...values, note: values.note || undefined }),
  });
  const create = trpc.kyc.changeRequests.create.useMutation({
    onSuccess: async () => {
      form.reset({ field: form.getValues('field'), newValue: '', note: '' });
      await utils.kyc.changeRequests.list.invalidate();
      notifications.show({ color: 'teal', message: 'Change requested. It applies once Tradeloom approves it.' });
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <Group align="flex-start" mt="md">
        <SelectField
          form={form}
          name="field"
          label="Field"
          data={LEGAL_FIELDS.map((f) => ({ value: f, label: LEGAL_FIELD_LABELS[f] }))}
          allowDeselect={false}
        />
        <TextInput label="New value" required {...form.register('newValue')} error={form.messageOf('newValue')} w={260} maw="100%" />
        <TextInput label="Reason" {...form.register('note')} error={form.messageOf('note')} w={260} maw="100%" />
      </Group>
      <SubmitRow form={form} loading={create.isPending}>
        Request change
      </SubmitRow>
    </SchemaForm>
  );
}

export function VerificationArea() {
  const can = useCan();
  return (
    <Stack>
      {can('kyc:read') && <VerificationDocuments />}
      <Certifications />
      {can('kyc:read') && <ChangeRequests />}
    </Stack>
  );
}
