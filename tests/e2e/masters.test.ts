import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCompany, type ApiUser, apiCompany, apiUser, pageAs } from './arrange.ts';
import { browserSuite } from './browser.ts';

// Settings → Trade masters: an admin overrides a platform quality range and imports locations from
// a CSV (checked first, applied once clean), on a phone-sized screen; a viewer of the same company
// reads the same masters and is offered no way to change them.
const suite = browserSuite({ beforeAll, afterAll });

const PHONE = { width: 390, height: 844 };
const fitsWidth = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

let gin: ApiCompany & { members: { admin: ApiUser; viewer: ApiUser } };
beforeAll(async () => {
  gin = (await apiCompany(suite, 'Masters Gin', ['admin', 'viewer'])) as typeof gin;
}, 120_000);

describe('trade masters in a real browser', () => {
  it('an admin overrides the staple range and imports locations; the viewer sees them without edit buttons', async () => {
    const page = await pageAs(suite, gin.members.admin, '/settings', PHONE);
    await page.getByRole('link', { name: 'Open trade masters' }).click();
    await page.getByRole('heading', { name: 'Trade masters' }).waitFor();

    // The platform's staple range, marked as the default, overridden for this company.
    const staple = page.getByTestId('parameter-staple_mm');
    await staple.getByText('Platform default').waitFor();
    await fitsWidth(page);
    await staple.getByRole('button', { name: 'Override' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Minimum allowed').fill('31');
    await dialog.getByLabel('Maximum allowed').fill('27');
    await dialog.getByRole('button', { name: 'Save range' }).click();
    // The range is refused beside the field before anything is sent.
    await dialog.getByText('Must not be below the minimum').waitFor();
    await dialog.getByLabel('Minimum allowed').fill('27');
    await dialog.getByLabel('Maximum allowed').fill('31.5');
    await dialog.getByRole('button', { name: 'Save range' }).click();
    await staple.getByText('Your own').waitFor();
    await staple.getByRole('cell', { name: '31.5' }).waitFor();
    const saved = await suite.db
      .selectFrom('quality_parameters')
      .select(['min_allowed', 'max_allowed'])
      .where('company_id', '=', gin.id)
      .where('code', '=', 'staple_mm')
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({ min_allowed: '27.000', max_allowed: '31.500' });

    // Locations from a CSV: the check reports the bad row, nothing is written until it is fixed.
    await page.getByRole('tab', { name: 'Locations' }).click();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const csv = ['kind,code,name,state_code,city,address', 'warehouse,WH-JASDAN,Jasdan yard,GJ,Jasdan,', 'depot,WH-X,Depot,GJ,,'].join(
      '\n',
    );
    await dialog.getByLabel('CSV').fill(csv);
    await dialog.getByRole('button', { name: 'Check' }).click();
    await dialog.getByText('1 problem(s); nothing was written').waitFor();
    await dialog.getByRole('cell', { name: 'kind', exact: true }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Apply' }).isDisabled()).toBe(true);
    await dialog.getByLabel('CSV').fill(csv.replace('depot,WH-X,Depot', 'pressing_factory,PR-JASDAN,Jasdan press'));
    await dialog.getByRole('button', { name: 'Check' }).click();
    await dialog.getByText('Ready to apply').waitFor();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Imported: 2 added, 0 updated, 0 unchanged.').waitFor();
    await page.getByRole('textbox', { name: 'Search' }).fill('jasdan');
    await page.getByTestId('location-WH-JASDAN').getByText('Your own').waitFor();
    await page.getByTestId('location-PR-JASDAN').waitFor();
    await fitsWidth(page);

    // The viewer reads the override and the import, and is offered no change.
    const viewer = await pageAs(suite, gin.members.viewer, '/settings/trade-masters', PHONE);
    const viewerStaple = viewer.getByTestId('parameter-staple_mm');
    await viewerStaple.getByText('Your own').waitFor();
    await viewerStaple.getByRole('cell', { name: '31.5' }).waitFor();
    expect(await viewer.getByRole('button', { name: /^(Override|Edit|Add parameter|Add variety)$/ }).count()).toBe(0);
    await viewer.getByRole('tab', { name: 'Locations' }).click();
    await viewer.getByRole('textbox', { name: 'Search' }).fill('jasdan');
    await viewer.getByTestId('location-WH-JASDAN').waitFor();
    expect(await viewer.getByRole('button', { name: /^(Override|Edit|Import CSV|Add location)$/ }).count()).toBe(0);
    await viewer.getByRole('tab', { name: 'Terms' }).click();
    await viewer
      .getByTestId('term-sale-cci-standard')
      .getByText(/Cotton Association of India/)
      .waitFor();
    expect(await viewer.getByRole('button', { name: /^(Override|Edit|Add term)$/ }).count()).toBe(0);
    await fitsWidth(viewer);
  });

  it('an operator adds a GST rate from a date: the earlier rate ends the day before', async () => {
    const operator = await apiUser(suite, 'Masters Operator');
    await suite.db.updateTable('users').set({ is_platform_admin: true }).where('id', '=', operator.id).execute();
    const page = await pageAs(suite, operator, '/admin/masters', PHONE);
    await page.getByRole('heading', { name: 'Masters' }).waitFor();
    // Every row on the console is a default: nothing is marked as one, everything can be edited.
    await page.getByTestId('parameter-staple_mm').getByRole('button', { name: 'Edit' }).waitFor();
    await page.getByRole('tab', { name: 'GST rates' }).click();
    await page.getByTestId('gst-5201-2017-07-01').getByRole('cell', { name: 'In force' }).waitFor();
    await page.getByTestId('gst-5201-2017-07-01').getByRole('button', { name: 'New rate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Rate (%)').fill('12');
    await dialog.getByLabel('In force from').fill('2026-04-01');
    await dialog.getByRole('button', { name: 'Add rate' }).click();
    await page.getByTestId('gst-5201-2026-04-01').getByRole('cell', { name: 'In force' }).waitFor();
    expect(await page.getByTestId('gst-5201-2017-07-01').getByRole('cell', { name: 'In force' }).count()).toBe(0);
    // The same code and date again is refused beside the date.
    await page.getByTestId('gst-5201-2026-04-01').getByRole('button', { name: 'New rate' }).click();
    await dialog.getByLabel('Rate (%)').fill('18');
    await dialog.getByLabel('In force from').fill('2026-04-01');
    await dialog.getByRole('button', { name: 'Add rate' }).click();
    await dialog.getByText(/already has a rate from that date/).waitFor();
    await fitsWidth(page);
  });
});
