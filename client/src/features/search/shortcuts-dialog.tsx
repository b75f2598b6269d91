import { Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import type { GoShortcut } from './shortcuts.ts';

function Row({ keys, label }: { keys: string[]; label: string }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">{label}</Text>
      <Group gap={4} wrap="nowrap">
        {keys.map((key) => (
          <Kbd key={key}>{key}</Kbd>
        ))}
      </Group>
    </Group>
  );
}

/** The shortcuts this user has: the go-to shortcuts are the ones their role can open. */
export function ShortcutsDialog({ opened, onClose, goTo }: { opened: boolean; onClose: () => void; goTo: readonly GoShortcut[] }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Stack gap="xs" aria-label="Keyboard shortcuts">
        <Row keys={['Ctrl', 'K']} label="Search" />
        <Row keys={['/']} label="Search" />
        <Row keys={['?']} label="Show these shortcuts" />
        <Row keys={['Esc']} label="Close a dialog" />
        {goTo.map((shortcut) => (
          <Row key={shortcut.key} keys={['g', shortcut.key]} label={`Go to ${shortcut.label}`} />
        ))}
        <Text size="xs" c="dimmed">
          Shortcuts do not fire while you type in a field (Ctrl K does).
        </Text>
      </Stack>
    </Modal>
  );
}
