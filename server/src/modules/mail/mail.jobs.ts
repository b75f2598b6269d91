import type { Executor } from '@tradeloom/db';
import { z } from 'zod';
import type { JobHandler } from '../events/job-runner.ts';
import { enqueueJob } from '../events/jobs.ts';
import type { Mailer, MailMessage } from './mailer.ts';

export const MAIL_QUEUE = 'mail.send';

const mailPayload = z.object({ to: z.string(), subject: z.string(), text: z.string() });

/** Queues an email in the caller's transaction: it is sent only if the transaction commits. */
export function queueMail(trx: Executor, message: MailMessage): Promise<number> {
  return enqueueJob(trx, MAIL_QUEUE, message, { maxAttempts: 8 });
}

export function mailJobHandler(mailer: Mailer): JobHandler {
  return {
    redactOnDone: true,
    run: (payload) => mailer.send(mailPayload.parse(payload)),
  };
}
