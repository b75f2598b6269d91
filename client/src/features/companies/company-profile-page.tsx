import { Badge, Button, Checkbox, Group, Modal, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DataTable, MutationForm, PageHeader, QueryView } from '../../components/ui.tsx';
import { fieldError } from '../../lib/errors.ts';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { VerificationArea } from '../kyc/verification-section.tsx';
import { CompanyFields, type CompanyForm } from './company-fields.tsx';

type Company = RouterOutputs['companies']['current'];

export function CompanyProfilePage() {
  const company = trpc.companies.current.useQuery();
  return (
    <Stack>
      <PageHeader title="Company profile" description="Your legal details, tax registration and branches." />
      <QueryView query={company}>{(data) => <Profile company={data} />}</QueryView>
    </Stack>
  );
}

function Profile({ company }: { company: Company }) {
  const can = useCan();
  const [editing, edit] = useDisclosure();
  return (
    <Stack>
      <Paper withBorder p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{company.name}</Title>
          <Group gap="xs">
            <Badge miw="max-content" variant="light" color={company.verificationStatus === 'verified' ? 'teal' : 'gray'}>
              {company.verificationStatus}
            </Badge>
            {can('company:update') && (
              <Button size="xs" variant="light" onClick={edit.open}>
                Edit
              </Button>
            )}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label="Legal name" value={company.legalName} />
          <Field label="Country" value={company.country} />
          <Field label="Base currency" value={company.baseCurrency} />
          <Field label={company.country === 'IN' ? 'GSTIN' : 'Tax id'} value={company.taxId ?? '—'} />
          <Field
            label="Trades as"
            value={[company.isBuyer && 'buyer', company.isSupplier && 'supplier'].filter(Boolean).join(' and ') || '—'}
          />
        </SimpleGrid>
      </Paper>
      <DirectoryListing />
      <Branches company={company} />
      <VerificationArea />
      <Modal opened={editing} onClose={edit.close} title="Edit company">
        <EditCompany company={company} onDone={edit.close} />
      </Modal>
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </Stack>
  );
}

function EditCompany({ company, onDone }: { company: Company; onDone: () => void }) {
  const utils = trpc.useUtils();
  const [form, setForm] = useState<CompanyForm>({
    name: company.name,
    legalName: company.legalName,
    country: company.country,
    taxId: company.taxId ?? '',
    isBuyer: company.isBuyer,
    isSupplier: company.isSupplier,
  });
  const update = trpc.companies.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.companies.current.invalidate(), utils.auth.me.invalidate()]);
      notifications.show({ color: 'teal', message: 'Company details saved.' });
      onDone();
    },
    onError: (error) => {
      if (error.data?.code === 'CONFLICT') void utils.companies.current.invalidate();
    },
  });
  return (
    <MutationForm
      onSubmit={() => {
        const { country: _country, ...fields } = form;
        // An emptied tax id box means "remove it": sent as null, since a left-out field is kept.
        update.mutate({ companyId: company.id, version: company.version, ...fields, taxId: fields.taxId || null });
      }}
      error={update.error}
    >
      <CompanyFields form={form} onChange={setForm} error={update.error} countryEditable={false} />
      <Group justify="flex-end">
        <Button type="submit" loading={update.isPending}>
          Save
        </Button>
      </Group>
    </MutationForm>
  );
}

function Branches({ company }: { company: Company }) {
  const can = useCan();
  const utils = trpc.useUtils();
  const [opened, modal] = useDisclosure();
  const [form, setForm] = useState({ name: '', addressLine: '', city: '', state: '', postalCode: '', gstin: '', isHeadOffice: false });
  const create = trpc.companies.branches.create.useMutation({
    onSuccess: async () => {
      await utils.companies.current.invalidate();
      setForm({ name: '', addressLine: '', city: '', state: '', postalCode: '', gstin: '', isHeadOffice: false });
      modal.close();
    },
  });
  return (
    <Paper withBorder p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Branches</Title>
        {can('company:update') && (
          <Button size="xs" variant="light" onClick={modal.open}>
            Add branch
          </Button>
        )}
      </Group>
      {company.branches.length === 0 ? (
        <Text c="dimmed" size="sm">
          No branches yet. Add one per GST registration or warehouse.
        </Text>
      ) : (
        <DataTable headers={['Name', 'Address', 'GSTIN']}>
          {company.branches.map((branch) => (
            <Table.Tr key={branch.id}>
              <Table.Td>
                {branch.name}{' '}
                {branch.isHeadOffice && (
                  <Badge miw="max-content" size="xs">
                    Head office
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{[branch.addressLine, branch.city, branch.state, branch.postalCode].filter(Boolean).join(', ') || '—'}</Table.Td>
              <Table.Td>{branch.gstin ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Modal opened={opened} onClose={modal.close} title="Add branch">
        <MutationForm
          onSubmit={() => create.mutate({ ...form, country: company.country, gstin: form.gstin || undefined })}
          error={create.error}
        >
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fieldError(create.error, 'name')}
          />
          <TextInput label="Address" value={form.addressLine} onChange={(e) => setForm({ ...form, addressLine: e.currentTarget.value })} />
          <Group grow>
            <TextInput label="City" value={form.city} onChange={(e) => setForm({ ...form, city: e.currentTarget.value })} />
            <TextInput label="State" value={form.state} onChange={(e) => setForm({ ...form, state: e.currentTarget.value })} />
            <TextInput
              label="Postal code"
              value={form.postalCode}
              onChange={(e) => setForm({ ...form, postalCode: e.currentTarget.value })}
            />
          </Group>
          <TextInput
            label="GSTIN"
            value={form.gstin}
            onChange={(e) => setForm({ ...form, gstin: e.currentTarget.value })}
            error={fieldError(create.error, 'gstin')}
          />
          <Checkbox
            label="Head office"
            checked={form.isHeadOffice}
            onChange={(e) => setForm({ ...form, isHeadOffice: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Add branch
            </Button>
          </Group>
        </MutationForm>
      </Modal>
    </Paper>
  );
}

/** Whether other companies can find this one in the partner directory. */
function DirectoryListing() {
  const can = useCan();
  const utils = trpc.useUtils();
  const current = trpc.companies.current.useQuery();
  const listing = trpc.partners.setDirectoryListing.useMutation({
    onSuccess: (result) => {
      utils.companies.current.setData(undefined, (old) => old && { ...old, listedInDirectory: result.listed });
      notifications.show({
        color: 'teal',
        message: result.listed ? 'Your company is listed in the directory.' : 'Your company is no longer listed in the directory.',
      });
    },
  });
  if (!current.data) return null;
  return (
    <Paper withBorder p="lg">
      <Switch
        label="List us in the partner directory"
        description="Listed companies can be found by name, city, commodity and verification. Existing partners keep seeing you either way."
        checked={listing.isPending ? (listing.variables?.listed ?? current.data.listedInDirectory) : current.data.listedInDirectory}
        disabled={!can('company:update')}
        onChange={(e) => listing.mutate({ listed: e.currentTarget.checked })}
      />
    </Paper>
  );
}
