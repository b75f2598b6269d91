import { Button, Group, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { MutationForm, PageHeader } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { CompanyFields, type CompanyForm } from './company-fields.tsx';

export function CreateCompanyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CompanyForm>({ name: '', legalName: '', country: 'IN', taxId: '', isBuyer: true, isSupplier: false });
  const create = trpc.companies.create.useMutation({
    onSuccess: (company) => {
      queryClient.removeQueries();
      notifications.show({ color: 'teal', message: `${company.name} is ready. You are its owner.` });
      navigate('/');
    },
  });
  return (
    <Stack maw={640}>
      <PageHeader title="Create a company" description="You become its owner and can invite your team next." />
      <Paper withBorder p="lg">
        <MutationForm
          onSubmit={() => create.mutate({ ...form, legalName: form.legalName || undefined, taxId: form.taxId || undefined })}
          error={create.error}
        >
          <CompanyFields form={form} onChange={setForm} error={create.error} countryEditable />
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              Create company
            </Button>
          </Group>
        </MutationForm>
      </Paper>
    </Stack>
  );
}
