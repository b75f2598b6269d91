import type { Database } from '@tradeloom/db';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text (notification emails); every value in it already escaped. */
  html?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'dev-mailbox' | 'disabled';
  send(message: MailMessage): Promise<void>;
}

/** Real delivery over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail.example.com:587). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
  };
}

/**
 * `MAIL_TRANSPORT=disabled`: mail is dropped, and each drop is logged by subject only — the body
 * holds live links (reset, verification, invitation) that must not be kept anywhere.
 */
export function disabledMailer(logger: Logger): Mailer {
  return {
    kind: 'disabled',
    async send(message) {
      logger.warn({ subject: message.subject }, 'mail is disabled (MAIL_TRANSPORT=disabled): message dropped');
    },
  };
}

/** Without SMTP the mail lands in a table the app shows in development (never in production); it keeps the text part. */
export function devMailboxMailer(db: Kysely<Database>): Mailer {
  return {
    kind: 'dev-mailbox',
    async send(message) {
      await db.insertInto('dev_mailbox').values({ to_address: message.to, subject: message.subject, text_body: message.text }).execute();
    },
  };
}
