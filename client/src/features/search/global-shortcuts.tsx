import { ActionIcon, Button, Kbd, Text } from '@mantine/core';
import type { Permission } from '@tradeloom/shared';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { openDialog, useOpenDialog } from './dialog-state.ts';
import { GO_SHORTCUTS, isTyping } from './shortcuts.ts';

// The dialogs (and Mantine's Modal under them) download on first open, not with every screen.
const SearchDialog = lazy(async () => ({ default: (await import('./search-dialog.tsx')).SearchDialog }));
const ShortcutsDialog = lazy(async () => ({ default: (await import('./shortcuts-dialog.tsx')).ShortcutsDialog }));

/** Listens for the app's keyboard shortcuts and hosts the search and shortcuts dialogs. */
export function GlobalShortcuts({ permissions }: { permissions: readonly Permission[] }) {
  const navigate = useNavigate();
  const dialog = useOpenDialog();
  const goTo = useMemo(
    () => GO_SHORTCUTS.filter((shortcut) => !shortcut.permission || permissions.includes(shortcut.permission)),
    [permissions],
  );
  // `g` waits for the next key; any other key ends the wait.
  const awaitingGo = useRef(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openDialog('search');
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target) || dialog) return;
      if (awaitingGo.current) {
        awaitingGo.current = false;
        const shortcut = goTo.find((candidate) => candidate.key === event.key);
        if (shortcut) {
          event.preventDefault();
          navigate(shortcut.to);
        }
        return;
      }
      if (event.key === '/') {
        event.preventDefault();
        openDialog('search');
      } else if (event.key === '?') {
        event.preventDefault();
        openDialog('shortcuts');
      } else if (event.key === 'g') awaitingGo.current = true;
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialog, goTo, navigate]);

  // A dialog stays mounted once opened, so it closes with its animation and reopens at once.
  const [used, setUsed] = useState({ search: false, shortcuts: false });
  if (dialog && !used[dialog]) setUsed({ ...used, [dialog]: true });

  return (
    <Suspense fallback={null}>
      {used.search && <SearchDialog opened={dialog === 'search'} onClose={() => openDialog(null)} />}
      {used.shortcuts && <ShortcutsDialog opened={dialog === 'shortcuts'} onClose={() => openDialog(null)} goTo={goTo} />}
    </Suspense>
  );
}

/** The header's search button: a wide one with its shortcut on larger screens, an icon on phones. */
export function SearchButton() {
  return (
    <>
      <Button
        variant="default"
        size="xs"
        visibleFrom="sm"
        onClick={() => openDialog('search')}
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        aria-label="Search"
      >
        <Text size="xs" c="dimmed">
          Search…
        </Text>
      </Button>
      <ActionIcon variant="subtle" size="lg" hiddenFrom="sm" aria-label="Search" onClick={() => openDialog('search')}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
      </ActionIcon>
    </>
  );
}

export const openShortcuts = () => openDialog('shortcuts');
