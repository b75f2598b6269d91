import { Group, Kbd, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { SEARCH_TERM_MAX } from '@tradeloom/shared';
import { type KeyboardEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../lib/trpc.ts';

/** Ctrl-K search over orders, partners, products and work orders; arrows move, Enter opens. */
export function SearchDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Search" size="lg" fullScreen={false} yOffset="10vh">
      {/* Mounted only while open: every opening starts with an empty box. */}
      {opened && <SearchBox onClose={onClose} />}
    </Modal>
  );
}

function SearchBox({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [term, setTerm] = useState('');
  const [active, setActive] = useState(0);
  const [debounced] = useDebouncedValue(term.trim(), 200);
  const results = trpc.search.global.useQuery(
    { term: debounced },
    { enabled: debounced.length > 0, placeholderData: (previous) => previous },
  );
  const groups = debounced ? (results.data?.groups ?? []) : [];
  const hits = groups.flatMap((group) => group.hits);

  const open = (path: string) => {
    onClose();
    navigate(path);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (hits.length ? (index + step + hits.length) % hits.length : 0));
    } else if (event.key === 'Enter') {
      const hit = hits[active];
      if (hit) open(hit.path);
    }
  };

  let index = -1;
  return (
    <Stack gap="sm">
      <TextInput
        data-autofocus
        aria-label="Search orders, partners, products and work orders"
        placeholder="Order number, partner, product name, SKU, HSN, work order…"
        value={term}
        maxLength={SEARCH_TERM_MAX}
        onChange={(event) => {
          setTerm(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        rightSection={results.isFetching ? <Loader size="xs" aria-label="Searching" /> : null}
        error={results.error ? errorMessage(results.error) : undefined}
      />
      {debounced && results.isSuccess && hits.length === 0 && (
        <Text size="sm" c="dimmed">
          Nothing matches “{debounced}”.
        </Text>
      )}
      <Stack gap="xs" role="listbox" aria-label="Search results">
        {groups.map((group) => (
          <Stack key={group.kind} gap={2}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              {group.label}
            </Text>
            {group.hits.map((hit) => {
              index += 1;
              const selected = index === active;
              const position = index;
              return (
                <UnstyledButton
                  key={`${group.kind}-${hit.id}`}
                  role="option"
                  aria-selected={selected}
                  p={6}
                  bg={selected ? 'var(--mantine-color-teal-light)' : undefined}
                  style={{ borderRadius: 4 }}
                  onMouseEnter={() => setActive(position)}
                  onClick={() => open(hit.path)}
                >
                  <Text size="sm" fw={600} truncate>
                    {hit.title}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {hit.subtitle}
                  </Text>
                </UnstyledButton>
              );
            })}
          </Stack>
        ))}
      </Stack>
      <Group gap="xs" visibleFrom="sm">
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move, <Kbd size="xs">Enter</Kbd> to open, <Kbd size="xs">Esc</Kbd> to close
        </Text>
      </Group>
    </Stack>
  );
}
