import { Badge, Checkbox, Group, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { QueryView } from '../../components/ui.tsx';
import type { RouterOutputs } from '../../lib/trpc.ts';
import { trpc } from '../../lib/trpc.ts';

export type Candidate = RouterOutputs['sourcing']['tenders']['candidates'][number];

const KIND_LABELS: Record<Candidate['kind'], string> = {
  partner: 'Linked supplier',
  directory: 'Directory',
  unclaimed: 'Not on Tradeloom — invited by email',
};

/**
 * Whom to invite: linked partners, directory companies and unclaimed counterparties, searched on
 * the server. `chosen` keeps the picked candidates (with their names) across searches; `locked`
 * ones (already invited) show checked and cannot be unpicked here.
 */
export function SupplierPicker({
  chosen,
  onChange,
  locked = [],
  error,
}: {
  chosen: Candidate[];
  onChange: (chosen: Candidate[]) => void;
  locked?: string[];
  error?: string;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const candidates = trpc.sourcing.tenders.candidates.useQuery({ search: debounced || undefined });
  const chosenIds = new Set(chosen.map((c) => c.companyId));
  const toggle = (candidate: Candidate, on: boolean) =>
    onChange(on ? [...chosen, candidate] : chosen.filter((c) => c.companyId !== candidate.companyId));
  return (
    <Stack gap="sm">
      <TextInput
        label="Find suppliers"
        placeholder="Name or city"
        description="Your linked suppliers, companies in the directory, and counterparties not on Tradeloom yet."
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={360}
        maw="100%"
      />
      {chosen.length > 0 && (
        <Group gap="xs" data-testid="chosen-suppliers">
          {chosen.map((c) => (
            <Badge key={c.companyId} variant="light" size="lg" tt="none" maw="100%">
              {c.name}
            </Badge>
          ))}
        </Group>
      )}
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
      <Paper withBorder p="sm">
        <QueryView
          query={candidates}
          isEmpty={(rows) => rows.length === 0}
          empty={debounced ? 'No supplier matches this search.' : 'No suppliers to invite yet: link one under Partners.'}
        >
          {(rows) => (
            <ScrollArea.Autosize mah={360}>
              <Stack gap="xs">
                {rows.map((candidate) => {
                  const isLocked = locked.includes(candidate.companyId);
                  const noEmail = candidate.kind === 'unclaimed' && !candidate.email;
                  return (
                    <Checkbox
                      key={candidate.companyId}
                      checked={isLocked || chosenIds.has(candidate.companyId)}
                      disabled={isLocked || noEmail}
                      onChange={(e) => toggle(candidate, e.currentTarget.checked)}
                      label={candidate.name}
                      description={[
                        candidate.city,
                        KIND_LABELS[candidate.kind],
                        isLocked ? 'already invited' : null,
                        noEmail ? 'no email on record, so it cannot be told' : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </QueryView>
      </Paper>
    </Stack>
  );
}
