import { appError } from '../../trpc/errors.ts';
import { router } from '../../trpc/init.ts';
import { authedProcedure } from '../../trpc/procedures.ts';

// Development only: shows mail that would have been sent, so a local user can verify an email or
// reset a password without an SMTP server. Users see mail sent to them; platform admins see all.
export const devMailboxRouter = router({
  list: authedProcedure.meta({ access: { kind: 'authed' }, allowDuringPasswordChange: true }).query(async ({ ctx }) => {
    if (ctx.deps.mailer.kind !== 'dev-mailbox' || ctx.deps.config.env === 'production') {
      throw appError('FORBIDDEN', 'MAILBOX_DISABLED', 'The development mailbox is off: mail goes out over SMTP.');
    }
    let query = ctx.deps.db
      .selectFrom('dev_mailbox')
      .select(['id', 'to_address as to', 'subject', 'text_body as text', 'created_at as createdAt'])
      .orderBy('id', 'desc')
      .limit(50);
    if (!ctx.session.isPlatformAdmin) query = query.where('to_address', '=', ctx.session.email);
    return query.execute();
  }),
});
