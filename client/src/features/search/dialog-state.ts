import { useSyncExternalStore } from 'react';

// Which app-wide dialog is open. A tiny store rather than context: the header button, the account
// menu and the key handler open the same dialogs from different parts of the tree.
type Dialog = 'search' | 'shortcuts' | null;

let open: Dialog = null;
const listeners = new Set<() => void>();

export function openDialog(dialog: Dialog): void {
  open = dialog;
  for (const listener of listeners) listener();
}

export function useOpenDialog(): Dialog {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => open,
  );
}
