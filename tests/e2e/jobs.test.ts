import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, companyOwner } from './browser.ts';

const suite = browserSuite({ beforeAll, afterAll });

describe('background jobs screen in a real browser', () => {
  it('the operator finds it in the navigation, reads a dead job’s last error and retries it', async () => {
    const operator = await (await suite.browser.newContext()).newPage();
    await companyOwner(operator, suite.url, 'jobs-ops@tradeloom.example', 'Tradeloom Jobs Desk', false);
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('email', '=', 'jobs-ops@tradeloom.example').execute();
    // A job that ran out of attempts on a queue with a working handler (pruning finished jobs).
    const dead = await suite.db
      .insertInto('jobs')
      .values({
        queue: 'jobs.prune',
        payload: '{}',
        status: 'dead',
        attempts: 5,
        max_attempts: 5,
        run_at: new Date(),
        last_error: 'database restarting',
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await operator.goto(suite.url);
    await operator.getByRole('link', { name: 'Background jobs' }).click();
    await operator.getByText('database restarting').waitFor();
    await operator.getByRole('button', { name: 'Retry' }).click();
    // Listed as retrying until the runner has run it; then the failure is gone.
    await operator.getByText('No failures.').waitFor();
    const job = await suite.db.selectFrom('jobs').select(['status', 'last_error']).where('id', '=', dead.id).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', last_error: null });
  });
});
