import type { Permission } from '@tradeloom/shared';

/** A `g` then letter shortcut that goes to a page; listed in the `?` dialog only when usable. */
export interface GoShortcut {
  key: string;
  to: string;
  label: string;
  permission?: Permission;
}

// The one list: the key handler and the shortcuts dialog both read it, so the dialog cannot lie.
export const GO_SHORTCUTS: readonly GoShortcut[] = [
  { key: 'h', to: '/', label: 'Overview' },
  { key: 'o', to: '/orders', label: 'Orders', permission: 'orders:read' },
  { key: 'p', to: '/partners', label: 'Partners', permission: 'partners:read' },
  { key: 'c', to: '/catalog', label: 'Catalog', permission: 'catalog:read' },
  { key: 'w', to: '/production', label: 'Production (work orders)', permission: 'production:read' },
  { key: 'n', to: '/notifications', label: 'Notifications', permission: 'notifications:read' },
  { key: 'a', to: '/audit', label: 'Audit log', permission: 'audit:read' },
];

/** Typing in a field is not a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
