import { escapeHtml, type RenderedNotification, renderSubject } from './templates.ts';

// The daily digest email: what a person has not read yet, grouped by the company they were told
// for. Built from the notifications' own sentences; every value is escaped in the HTML part, and
// the subject is fixed wording (nothing a partner typed reaches a header).

export const DIGEST_SUBJECT = 'What you missed on Tradeloom';
/** Beyond this many per company the email says how many more wait in the app. */
export const DIGEST_ITEMS_PER_COMPANY = 20;

export interface DigestItem {
  title: string;
  /** The absolute address of the record, or null when the notification has no page. */
  link: string | null;
}

export interface DigestCompany {
  company: string;
  items: DigestItem[];
}

export interface DigestContent {
  recipient: string;
  companies: DigestCompany[];
  /** Where the person's notifications are listed. */
  inboxLink: string;
  /** Where they change the digest's hour or turn it off. */
  settingsLink: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A company's items as the email lists them: the first DIGEST_ITEMS_PER_COMPANY, and how many more. */
function shown(company: DigestCompany): { items: DigestItem[]; more: number } {
  return { items: company.items.slice(0, DIGEST_ITEMS_PER_COMPANY), more: Math.max(0, company.items.length - DIGEST_ITEMS_PER_COMPANY) };
}

function digestText(content: DigestContent): string {
  const sections = content.companies.map((company) => {
    const { items, more } = shown(company);
    const lines = items.map((item) => (item.link ? `- ${item.title}\n  ${item.link}` : `- ${item.title}`));
    if (more > 0) lines.push(`- and ${plural(more, 'more notification', 'more notifications')} in Tradeloom`);
    return `${company.company} (${company.items.length} unread)\n${lines.join('\n')}`;
  });
  return [
    `Hello ${content.recipient},`,
    'Here is what you have not read yet on Tradeloom.',
    ...sections,
    `Read them all: ${content.inboxLink}`,
    `Change when you get this digest, or turn it off: ${content.settingsLink}`,
  ]
    .join('\n\n')
    .concat('\n');
}

const anchor = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

function digestHtml(content: DigestContent): string {
  const sections = content.companies.map((company) => {
    const { items, more } = shown(company);
    const rows = items.map((item) => `<li>${item.link ? anchor(item.link, item.title) : escapeHtml(item.title)}</li>`);
    if (more > 0) rows.push(`<li>and ${plural(more, 'more notification', 'more notifications')} in Tradeloom</li>`);
    return `<h3>${escapeHtml(company.company)} (${company.items.length} unread)</h3>\n<ul>\n${rows.join('\n')}\n</ul>`;
  });
  return [
    '<div style="font-family:sans-serif;line-height:1.5">',
    `<p>Hello ${escapeHtml(content.recipient)},</p>`,
    '<p>Here is what you have not read yet on Tradeloom.</p>',
    ...sections,
    `<p>${anchor(content.inboxLink, 'Read them all')}</p>`,
    `<p>${anchor(content.settingsLink, 'Change when you get this digest, or turn it off')}</p>`,
    '</div>',
  ].join('\n');
}

export function renderDigest(content: DigestContent): RenderedNotification {
  return { subject: renderSubject(DIGEST_SUBJECT, {}), text: digestText(content), html: digestHtml(content) };
}
