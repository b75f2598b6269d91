import type { Database } from '@tradeloom/db';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(message: MailMessage): Promise<void>;
}

/** Real delivery over SMTP (`SMTP_URL`, e.g. smtp://user:pass@mail.example.com:587). */
export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: 'smtp',
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/** Without SMTP the mail lands in a table the app shows in development. */
export function devMailboxMailer(db: Kysely<Database>): Mailer {
  return {
    kind: 'dev-mailbox',
    async send(message) {
      await db.insertInto('dev_mailbox').values({ to_address: message.to, subject: message.subject, text_body: message.text }).execute();
    },
  };
}
