import { Stack, Tabs } from '@mantine/core';
import { PageHeader } from '../../components/ui.tsx';
import { oneOf, useListParams } from '../../lib/list-params.ts';
import { useCan } from '../../lib/session.ts';
import { Directory } from './directory.tsx';
import { LinkList } from './link-list.tsx';

// The tab lives in the address under a name people can read: the overview links
// /partners?tab=requests to the requests waiting for our answer.
const TABS = [
  { tab: 'linked', view: 'linked', label: 'Linked' },
  { tab: 'requests', view: 'incoming', label: 'Requests to us' },
  { tab: 'sent', view: 'outgoing', label: 'Our requests' },
  { tab: 'blocked', view: 'blocked', label: 'Blocked' },
] as const;
const TAB_NAMES = [...TABS.map((t) => t.tab), 'directory'] as const;

export function PartnersPage() {
  const { get, set } = useListParams();
  const tab = oneOf(get('tab'), TAB_NAMES, 'linked');
  const can = useCan();
  return (
    <Stack>
      <PageHeader
        title="Partners"
        description="The companies you buy from and sell to. Each sees of the other only what the link allows."
      />
      <Tabs value={tab} onChange={(value) => set({ tab: value === 'linked' ? null : value })} keepMounted={false}>
        <Tabs.List>
          {TABS.map(({ tab, label }) => (
            <Tabs.Tab key={tab} value={tab}>
              {label}
            </Tabs.Tab>
          ))}
          <Tabs.Tab value="directory">Find companies</Tabs.Tab>
        </Tabs.List>
        {TABS.map(({ tab, view }) => (
          <Tabs.Panel key={tab} value={tab} pt="md">
            <LinkList view={view} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="directory" pt="md">
          <Directory canRequest={can('partners:request')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
