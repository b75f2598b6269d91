import { Anchor, Table } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { Link } from 'react-router';
import classes from './row-link.module.css';

/** A table row that opens a record: give it one `RowLink`, which the whole row then follows. */
export function LinkRow({ children, ...props }: ComponentProps<typeof Table.Tr>) {
  return (
    <Table.Tr className={classes.row} {...props}>
      {children}
    </Table.Tr>
  );
}

/** The row's real link (keyboard focus, open in a new tab); a click anywhere on the row follows it. */
export function RowLink({
  to,
  children,
  monospace = false,
  wrap = false,
}: {
  to: string;
  children: ReactNode;
  monospace?: boolean;
  /** Long text (an address) breaks anywhere instead of widening the table. */
  wrap?: boolean;
}) {
  return (
    <Anchor
      component={Link}
      to={to}
      className={classes.link}
      size="sm"
      fw={500}
      ff={monospace ? 'monospace' : undefined}
      style={wrap ? { overflowWrap: 'anywhere' } : { whiteSpace: 'nowrap' }}
    >
      {children}
    </Anchor>
  );
}
