import { Alert, Button, Checkbox, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../app/ui.tsx';
import { errorMessage, fieldError } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';

export const COUNTRIES = [
  { value: 'IN', label: 'India' },
  { value: 'BD', label: 'Bangladesh' },
  { value: 'PK', label: 'Pakistan' },
  { value: 'VN', label: 'Vietnam' },
  { value: 'CN', label: 'China' },
  { value: 'TR', label: 'Türkiye' },
  { value: 'US', label: 'United States' },
  { value: 'GB', label: 'United Kingdom' },
];

export function CreateCompanyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', legalName: '', country: 'IN', taxId: '', isBuyer: true, isSupplier: false });
  const create = trpc.companies.create.useMutation({
    onSuccess: (company) => {
      queryClient.removeQueries();
      notifications.show({ color: 'teal', message: `${company.name} is ready. You are its owner.` });
      navigate('/');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...form, legalName: form.legalName || undefined, taxId: form.taxId || undefined });
  };
  return (
    <Stack maw={640}>
      <PageHeader title="Create a company" description="You become its owner and can invite your team next." />
      <Paper withBorder p="lg">
        <form onSubmit={submit}>
          <Stack>
            {create.error && <Alert color="red">{errorMessage(create.error)}</Alert>}
            <TextInput
              label="Company name"
              required
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              error={fieldError(create.error, 'name')}
            />
            <TextInput
              label="Legal name"
              description="As registered; defaults to the company name."
              value={form.legalName}
              onChange={(e) => setForm({ ...form, legalName: e.currentTarget.value })}
              error={fieldError(create.error, 'legalName')}
            />
            <Select
              label="Country"
              data={COUNTRIES}
              value={form.country}
              onChange={(value) => setForm({ ...form, country: value ?? 'IN' })}
              allowDeselect={false}
              error={fieldError(create.error, 'country')}
            />
            <TextInput
              label={form.country === 'IN' ? 'GSTIN' : 'Tax id'}
              description={form.country === 'IN' ? '15 characters, e.g. 24AABCS4821K1ZF; the check digit is verified.' : undefined}
              value={form.taxId}
              onChange={(e) => setForm({ ...form, taxId: e.currentTarget.value })}
              error={fieldError(create.error, 'taxId')}
            />
            <Group>
              <Checkbox label="We buy" checked={form.isBuyer} onChange={(e) => setForm({ ...form, isBuyer: e.currentTarget.checked })} />
              <Checkbox
                label="We supply"
                checked={form.isSupplier}
                onChange={(e) => setForm({ ...form, isSupplier: e.currentTarget.checked })}
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                Create company
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
