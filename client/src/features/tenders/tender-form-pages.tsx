import { Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { RequirePermission } from '../../components/require-permission.tsx';
import { PageHeader, QueryView } from '../../components/ui.tsx';
import { trpc } from '../../lib/trpc.ts';
import { TENDER_NOT_FOUND } from './tender-status.tsx';
import { TenderWizard } from './tender-wizard.tsx';

export function NewTenderPage() {
  return (
    <RequirePermission permission="sourcing:write" back={{ to: '/tenders', label: 'Back to tenders' }}>
      <Stack>
        <Breadcrumbs items={[{ label: 'Tenders', to: '/tenders' }, { label: 'New tender' }]} />
        <PageHeader
          title="New tender"
          description="Describe what you need, pick the suppliers to ask and publish: each quotes by the closing time without seeing the others."
        />
        <TenderWizard />
      </Stack>
    </RequirePermission>
  );
}

/** The wizard on a draft; a tender already published can no longer be edited (extend or cancel it instead). */
export function EditTenderPage() {
  const { tenderId = '' } = useParams();
  const tender = trpc.sourcing.tenders.get.useQuery({ tenderId });
  return (
    <RequirePermission permission="sourcing:write" back={{ to: `/tenders/${tenderId}`, label: 'Back to the tender' }}>
      <QueryView query={tender} notFound={TENDER_NOT_FOUND}>
        {(data) =>
          data.side !== 'buyer' || data.status !== 'draft' ? (
            <PageHeader
              title={`Edit tender ${data.number}`}
              description="Only a draft of your own can be edited; this tender has been published. Extend its deadline or cancel it from its page."
            />
          ) : (
            <Stack>
              <Breadcrumbs
                items={[{ label: 'Tenders', to: '/tenders' }, { label: data.number, to: `/tenders/${data.id}` }, { label: 'Edit' }]}
              />
              <PageHeader title={`Edit tender ${data.number}`} description="A draft only your company sees until you publish it." />
              <TenderWizard tender={data} />
            </Stack>
          )
        }
      </QueryView>
    </RequirePermission>
  );
}
