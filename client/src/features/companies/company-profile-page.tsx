import { Badge, Button, Checkbox, Group, Modal, Paper, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { branchInput, updateCompanyInput } from '@tradeloom/shared';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { DataTable, PageHeader, QueryView } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { type RouterOutputs, trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { VerificationArea } from '../kyc/verification-section.tsx';
import { CompanyFields, type CompanyFormValues } from './company-fields.tsx';
import { TwoFactorPolicy } from './two-factor-policy.tsx';

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
      <TwoFactorPolicy />
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
  const form = useZodForm(updateCompanyInput, {
    defaultValues: {
      name: company.name,
      legalName: company.legalName,
      country: company.country,
      taxId: company.taxId ?? '',
      isBuyer: company.isBuyer,
      isSupplier: company.isSupplier,
    },
    // The country is not editable here, but sending the stored one lets the schema check a GSTIN in
    // the browser (the server sees no change). An emptied tax id box means "remove it": sent as
    // null, since a left-out field is kept.
    prepare: (values: CompanyFormValues) => ({
      ...values,
      companyId: company.id,
      version: company.version,
      taxId: values.taxId || null,
    }),
  });
  const update = trpc.companies.update.useMutation({
    onSuccess: async () => {
      await Promise.all([utils.companies.current.invalidate(), utils.auth.me.invalidate()]);
      notifications.show({ color: 'teal', message: 'Company details saved.' });
      onDone();
    },
    onError: (error) => {
      form.showServerError(error);
      if (error.data?.code === 'CONFLICT') void utils.companies.current.invalidate();
    },
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => update.mutate(input)}>
      <CompanyFields form={form} countryEditable={false} />
      <SubmitRow form={form} loading={update.isPending}>
        Save
      </SubmitRow>
    </SchemaForm>
  );
}

function Branches({ company }: { company: Company }) {
  const can = useCan();
  const [opened, modal] = useDisclosure();
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
        <AddBranchForm country={company.country} onDone={modal.close} />
      </Modal>
    </Paper>
  );
}

function AddBranchForm({ country, onDone }: { country: string; onDone: () => void }) {
  const utils = trpc.useUtils();
  const form = useZodForm(branchInput, {
    defaultValues: { name: '', addressLine: '', city: '', state: '', postalCode: '', gstin: '', isHeadOffice: false },
    // A branch lies in the company's country; an empty GSTIN box is left out.
    prepare: (values: BranchFormValues) => ({ ...values, country, gstin: values.gstin || undefined }),
  });
  const create = trpc.companies.branches.create.useMutation({
    onSuccess: async () => {
      await utils.companies.current.invalidate();
      onDone();
    },
    onError: form.showServerError,
  });
  return (
    <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
      <TextInput label="Name" required {...form.register('name')} error={form.messageOf('name')} />
      <TextInput label="Address" {...form.register('addressLine')} error={form.messageOf('addressLine')} />
      <Group grow>
        <TextInput label="City" {...form.register('city')} error={form.messageOf('city')} />
        <TextInput label="State" {...form.register('state')} error={form.messageOf('state')} />
        <TextInput label="Postal code" {...form.register('postalCode')} error={form.messageOf('postalCode')} />
      </Group>
      <TextInput label="GSTIN" {...form.register('gstin')} error={form.messageOf('gstin')} />
      <Checkbox label="Head office" {...form.register('isHeadOffice')} />
      <SubmitRow form={form} loading={create.isPending}>
        Add branch
      </SubmitRow>
    </SchemaForm>
  );
}

interface BranchFormValues {
  name: string;
  addressLine: string;
  city: string;
  state: string;
  postalCode: string;
  gstin: string;
  isHeadOffice: boolean;
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
