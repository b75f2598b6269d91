import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ExportCsvButton } from '../../components/export-csv-button.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { NewWorkOrderForm } from './new-work-order-form.tsx';
import { ReportProgressForm } from './report-progress-form.tsx';
import { StageLoad } from './stage-load.tsx';
import { WorkOrderBoard } from './work-order-board.tsx';
import type { WorkOrder } from './work-order-card.tsx';

/** The production board: work orders by status, and the open load on each stage. */
export function ProductionPage() {
  const can = useCan();
  // Arriving from a sales order (`?line=…`) opens a new work order for that line.
  const [params, setParams] = useSearchParams();
  const lineFromOrder = params.get('line') ?? undefined;
  const [creating, setCreating] = useState(Boolean(lineFromOrder));
  const stopCreating = () => {
    setCreating(false);
    if (lineFromOrder) setParams({});
  };
  const [reporting, setReporting] = useState<WorkOrder | null>(null);
  return (
    <Stack>
      <PageHeader
        title="Production"
        description="Work orders move from planned to completed; progress comes from each stage's completed quantity."
        actions={
          <Group>
            <ExportCsvButton list="work-orders" filters={{}} />
            {can('production:write') && <Button onClick={() => setCreating(true)}>New work order</Button>}
          </Group>
        }
      />
      <StageLoad />
      <WorkOrderBoard onReport={setReporting} />
      <Modal opened={creating && can('production:write')} onClose={stopCreating} title="New work order" size="lg">
        <NewWorkOrderForm onDone={stopCreating} initialLineId={lineFromOrder} />
      </Modal>
      <Modal opened={reporting !== null} onClose={() => setReporting(null)} title={`Progress of ${reporting?.number ?? ''}`}>
        {reporting && <ReportProgressForm workOrder={reporting} onDone={() => setReporting(null)} />}
      </Modal>
    </Stack>
  );
}
