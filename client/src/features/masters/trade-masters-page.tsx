import { Stack } from '@mantine/core';
import { Breadcrumbs } from '../../components/breadcrumbs.tsx';
import { PageHeader } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { OperatorOnly } from '../console/operator-only.tsx';
import { TradeMasters } from './trade-masters.tsx';

/** Settings → Trade masters: the company's own rows over the platform's defaults; admins edit. */
export function TradeMastersPage() {
  const can = useCan();
  return (
    <Stack>
      <Breadcrumbs items={[{ label: 'Settings', to: '/settings' }, { label: 'Trade masters' }]} />
      <PageHeader
        title="Trade masters"
        description="Varieties, quality ranges, locations, terms and brokerage the trade desk uses. Platform defaults apply until you override them."
      />
      <TradeMasters scope="company" editable={can('settings:write')} />
    </Stack>
  );
}

/** The operators' console: the platform's defaults every company starts from, and GST rates. */
export function ConsoleMastersPage() {
  return (
    <OperatorOnly>
      <Stack>
        <PageHeader
          title="Masters"
          description="The platform's defaults for the trade desk, and GST rates with the dates they apply from."
        />
        <TradeMasters scope="platform" editable />
      </Stack>
    </OperatorOnly>
  );
}
