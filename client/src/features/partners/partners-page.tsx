import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { PageHeader } from '../../components/ui.tsx';
import { useCan } from '../../lib/session.ts';
import { Directory } from './directory.tsx';
import { LinkList } from './link-list.tsx';

export function PartnersPage() {
  const [tab, setTab] = useState<string | null>('linked');
  const can = useCan();
  return (
    <Stack>
      <PageHeader
        title="Partners"
        description="The companies you buy from and sell to. Each sees of the other only what the link allows."
      />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="linked">Linked</Tabs.Tab>
          <Tabs.Tab value="incoming">Requests to us</Tabs.Tab>
          <Tabs.Tab value="outgoing">Our requests</Tabs.Tab>
          <Tabs.Tab value="blocked">Blocked</Tabs.Tab>
          <Tabs.Tab value="directory">Find companies</Tabs.Tab>
        </Tabs.List>
        {(['linked', 'incoming', 'outgoing', 'blocked'] as const).map((view) => (
          <Tabs.Panel key={view} value={view} pt="md">
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
