import { z } from 'zod';
import { pageOf, timestamp } from '../wire.ts';
import { NOTIFICATION_GROUPS } from './catalog.ts';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './notifications.schemas.ts';

// What `notifications.*` answers.

/** Where a channel's setting comes from: the person, their company's admin, or the platform. */
const settingSource = z.enum(['user', 'company', 'platform']);
const channelSetting = z.strictObject({ enabled: z.boolean(), source: settingSource });

export const preferenceRow = z.strictObject({
  event: z.string(),
  group: z.enum(NOTIFICATION_GROUPS),
  label: z.string(),
  mandatory: z.boolean(),
  in_app: channelSetting,
  email: channelSetting,
});
export const notificationPreferences = z.strictObject({
  /** Only the kinds the person's role can receive in the company. */
  rows: z.array(preferenceRow),
  quietHours: z.strictObject({ start: z.string(), end: z.string() }).nullable(),
  timeZone: z.string(),
  digest: z.strictObject({ enabled: z.boolean(), hour: z.number().int() }),
  /** The person's address emails go to. */
  email: z.string(),
});

const defaultSetting = z.strictObject({ enabled: z.boolean(), custom: z.boolean() });
export const companyDefaultRow = z.strictObject({
  event: z.string(),
  group: z.enum(NOTIFICATION_GROUPS),
  label: z.string(),
  mandatory: z.boolean(),
  in_app: defaultSetting,
  email: defaultSetting,
});
export const companyDefaults = z.strictObject({ rows: z.array(companyDefaultRow) });

export const deliveryView = z.strictObject({
  id: z.number().int(),
  event: z.string(),
  /** The kind's label, e.g. "A supplier ships your order". */
  eventLabel: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  recipient: z.strictObject({ userId: z.uuid().nullable(), name: z.string(), address: z.string() }),
  subject: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Held for the recipient's quiet hours until then. */
  notBefore: timestamp.nullable(),
  nextAttemptAt: timestamp.nullable(),
  sentAt: timestamp.nullable(),
  createdAt: timestamp,
});
export const deliveryPage = pageOf(deliveryView);

export const templateRow = z.strictObject({
  event: z.string(),
  label: z.string(),
  channel: z.enum(['in_app', 'email']),
  subject: z.string(),
  body: z.string(),
  /** An operator changed the built-in wording. */
  custom: z.boolean(),
});
export const templateList = z.strictObject({
  rows: z.array(templateRow),
  fields: z.array(z.strictObject({ name: z.string(), label: z.string() })),
});
export const templatePreview = z.strictObject({ subject: z.string(), text: z.string(), html: z.string() });

export type NotificationPreferences = z.infer<typeof notificationPreferences>;
export type CompanyDefaults = z.infer<typeof companyDefaults>;
export type DeliveryView = z.infer<typeof deliveryView>;
