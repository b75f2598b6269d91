import { Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { createCompanyInput } from '@tradeloom/shared';
import { useNavigate } from 'react-router';
import { SchemaForm, SubmitRow } from '../../components/form.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/zod-form.ts';
import { CompanyFields, type CompanyFormValues } from './company-fields.tsx';

// Empty optional boxes are left out: the server defaults the legal name to the company name.
const toCreateInput = (values: CompanyFormValues) => ({
  ...values,
  legalName: values.legalName || undefined,
  taxId: values.taxId || undefined,
});

export function CreateCompanyPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useZodForm(createCompanyInput, {
    defaultValues: { name: '', legalName: '', country: 'IN', taxId: '', isBuyer: true, isSupplier: false },
    prepare: toCreateInput,
  });
  const create = trpc.companies.create.useMutation({
    onSuccess: (company) => {
      queryClient.removeQueries();
      notifications.show({ color: 'teal', message: `${company.name} is ready. You are its owner.` });
      navigate('/');
    },
    onError: form.showServerError,
  });
  return (
    <Stack maw={640}>
      <PageHeader title="Create a company" description="You become its owner and can invite your team next." />
      <Paper withBorder p="lg">
        <SchemaForm form={form} onSubmit={(input) => create.mutate(input)}>
          <CompanyFields form={form} countryEditable />
          <SubmitRow form={form} loading={create.isPending}>
            Create company
          </SubmitRow>
        </SchemaForm>
      </Paper>
    </Stack>
  );
}
