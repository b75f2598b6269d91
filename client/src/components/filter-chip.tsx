import { Badge, CloseButton } from '@mantine/core';

/** A filter the address carries but no input shows (set by a link such as an overview figure), with a way to drop it. */
export function FilterChip({ label, onClear }: { label: string; onClear: () => void }) {
  return (
    <Badge
      size="lg"
      variant="light"
      tt="none"
      data-testid="filter-chip"
      rightSection={<CloseButton size="xs" aria-label={`Clear filter: ${label}`} onClick={onClear} />}
    >
      {label}
    </Badge>
  );
}
