import type { NotifiableKind, NotificationChannel } from './catalog.ts';

// Notification templates: a subject and a body per kind and channel, with {placeholders} filled
// from the notification. Values are escaped for where they land: HTML in an email's HTML part,
// one line in a subject (no line breaks: a value cannot add a mail header). Operators may
// override the built-in wording; an override may use only the placeholders below.

export const TEMPLATE_FIELDS = ['recipient', 'company', 'title', 'body', 'actor', 'document', 'link', 'settingsLink'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateFields = Partial<Record<TemplateField, string>>;

export const TEMPLATE_FIELD_LABELS: Record<TemplateField, string> = {
  recipient: 'The person’s name',
  company: 'The company they are notified for',
  title: 'The notification’s sentence, e.g. “Acme shipped PO-2026-000005”',
  body: 'More detail (may be empty)',
  actor: 'The company that acted',
  document: 'The document’s number',
  link: 'The address of the document in Tradeloom',
  settingsLink: 'The address of the person’s notification settings',
};

export interface NotificationTemplate {
  subject: string;
  body: string;
}

/** The built-in wording, the same for every kind: the module's sentence is the substance. */
export function defaultTemplate(_kind: NotifiableKind, channel: NotificationChannel): NotificationTemplate {
  if (channel === 'in_app') return { subject: '{title}', body: '{body}' };
  return {
    subject: '{title}',
    body: 'Hello {recipient},\n\n{title}.\n\n{body}\n\nOpen it in Tradeloom: {link}\n\nYou get this email for {company}. Choose what you hear about, and where: {settingsLink}\n',
  };
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

/** Placeholders a template uses that are not fields: an override with any is refused, naming them. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(TEMPLATE_FIELDS);
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1] as string))].filter((name) => !known.has(name));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
}

function fill(template: string, fields: TemplateFields, escapeValue: (value: string) => string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    (TEMPLATE_FIELDS as readonly string[]).includes(name) ? escapeValue(fields[name as TemplateField] ?? '') : whole,
  );
}

/** A subject line: one line, at most 200 characters, whatever the values hold. */
export function renderSubject(template: string, fields: TemplateFields): string {
  return fill(template, fields, (value) => value.replace(/[\r\n\t]+/g, ' '))
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** A plain-text body; blank runs left by empty fields collapse to one empty line. */
export function renderText(template: string, fields: TemplateFields): string {
  return fill(template, fields, (value) => value)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .concat('\n');
}

/** The HTML part: the template's text and every value escaped, line breaks kept, the link clickable. */
export function renderHtml(template: string, fields: TemplateFields): string {
  const escapedTemplate = escapeHtml(template);
  const body = fill(escapedTemplate, fields, escapeHtml)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const linked = body.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
  return `<div style="font-family:sans-serif;line-height:1.5">${linked.replace(/\n/g, '<br>\n')}</div>`;
}

export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
}

export function renderTemplate(template: NotificationTemplate, fields: TemplateFields): RenderedNotification {
  return {
    subject: renderSubject(template.subject, fields),
    text: renderText(template.body, fields),
    html: renderHtml(template.body, fields),
  };
}
