import type { NotificationPreferences, setPreferencesInput } from '@tradeloom/shared';
import type { z } from 'zod';
import type { CompanyActor, ServiceContext } from '../../deps.ts';

// CONTRACT STUB: the notify-engine helper implements these.

export async function getPreferences(_ctx: ServiceContext, _actor: CompanyActor): Promise<NotificationPreferences> {
  throw new Error('CONTRACT STUB: getPreferences');
}

export async function setPreferences(
  _ctx: ServiceContext,
  _actor: CompanyActor,
  _input: z.infer<typeof setPreferencesInput>,
): Promise<NotificationPreferences> {
  throw new Error('CONTRACT STUB: setPreferences');
}
