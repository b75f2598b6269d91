import { z } from 'zod';
import { pageCursor } from '../common.ts';
import { NOTIFIABLE_KINDS, NOTIFICATION_CHANNELS } from './catalog.ts';

// Inputs of `notifications.*` beyond the list: a person's preferences, the company's defaults,
// the delivery log and the operators' templates.

const kindName = z.enum(NOTIFIABLE_KINDS as [string, ...string[]], { error: 'is not a notification this app sends' });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 22:00');
/** An IANA time zone name the server's Intl knows, e.g. `Asia/Kolkata`. */
export const timeZoneName = z
  .string()
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known time zone');

export const quietHoursInput = z
  .object({ start: clockTime, end: clockTime })
  .refine((hours) => hours.start !== hours.end, { path: ['end'], message: 'must differ from the start' });

export const setPreferencesInput = z.object({
  /** `enabled: null` goes back to the company default. */
  changes: z
    .array(z.object({ event: kindName, channel: z.enum(NOTIFICATION_CHANNELS), enabled: z.boolean().nullable() }))
    .max(500)
    .optional(),
  /** `null` turns quiet hours off. */
  quietHours: quietHoursInput.nullable().optional(),
  timeZone: timeZoneName.optional(),
  digest: z.object({ enabled: z.boolean(), hour: z.number().int().min(0).max(23) }).optional(),
});

export const setCompanyDefaultsInput = z.object({
  /** `enabled: null` goes back to the platform default. */
  changes: z
    .array(z.object({ event: kindName, channel: z.enum(NOTIFICATION_CHANNELS), enabled: z.boolean().nullable() }))
    .min(1)
    .max(500),
});

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed, will retry',
  dead: 'Gave up',
};
export const DELIVERY_CHANNELS = ['email', 'digest'] as const;

export const deliveryListInput = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  /** Part of the recipient's address or the subject. */
  q: z.string().trim().max(100).optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const deliveryIdInput = z.object({ deliveryId: z.number().int().positive() });

const templateChannel = z.enum(NOTIFICATION_CHANNELS);
export const templateKeyInput = z.object({ event: kindName, channel: templateChannel });
export const saveTemplateInput = z.object({
  event: kindName,
  channel: templateChannel,
  subject: z.string().trim().min(1, 'is required').max(300),
  body: z.string().trim().min(1, 'is required').max(5000),
});
/** Renders a template (the saved one, or the draft given) with sample values. */
export const previewTemplateInput = z.object({
  event: kindName,
  channel: templateChannel,
  subject: z.string().max(300).optional(),
  body: z.string().max(5000).optional(),
});
