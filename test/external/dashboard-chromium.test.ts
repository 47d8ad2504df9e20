/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateUtrn, nodeCrypto, RealClock } from '../../protocol/index.js';
import { startWorld, type World } from '../../world/dcc-world.js';
import { GatewayClient } from '../../world/gateway-client.js';
import { submitPartyRequest } from '../../world/party-request.js';
import { launchChromium } from '../support/chromium.js';

/**
 * The screenshots go to a temporary folder, or to docs/ (the README's pictures) with
 * SMETSIM_UPDATE_SCREENSHOTS=1, so that a test run leaves the tree as it was.
 */
const shots =
  process.env.SMETSIM_UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../docs/', import.meta.url)) : undefined;

/** Pounds shown in an element's text after "balance £" (the device card, or a display's screen). */
const balanceIn = (page: Page, selector: string) =>
  page.$eval(selector, (element) => {
    const match = /£(\d+\.\d\d)/.exec(element.textContent ?? '');
    return match ? Number(match[1]) : NaN;
  });

/**
 * The dashboard in Debian's headless Chromium against a whole world served over HTTP on
 * 127.0.0.1 (what `smetsim serve` runs, here with a PPMID and prepayment): the fleet loads and
 * searches; a UTRN typed in the premises view credits the meter, and the balance, the IHD and
 * PPMID screens and the supplier's inbox (open in a second page) change without a reload. The
 * two screenshots in docs/ come from this run (SMETSIM_UPDATE_SCREENSHOTS=1).
 */
describe('dashboard in headless Chromium', () => {
  const profile = mkdtempSync(join(tmpdir(), 'smetsim-chromium-'));
  const shotDir = shots ?? mkdtempSync(join(tmpdir(), 'smetsim-dashboard-shots-'));
  const docs = (name: string) => join(shotDir, name);
  let world: World;
  let browser: Browser;
  const consoleErrors: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    world = await startWorld({
      premises: 3,
      clock: new RealClock(),
      crypto: nodeCrypto,
      seed: 'dashboard-e2e',
      smwanSecret: 'dashboard-e2e-smwan-secret',
      dashboard: true,
      withPpmid: true,
      paymentMode: 'Prepayment',
      initialBalancePence: 300,
    });
    browser = await launchChromium(profile);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.stop();
    rmSync(profile, { recursive: true, force: true });
    if (!shots) rmSync(shotDir, { recursive: true, force: true });
  });

  async function open(hash: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith(world.gatewayUrl) && !request.url().startsWith('data:'))
        outside.push(request.url());
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${world.gatewayUrl}/ui/${hash}`, { waitUntil: 'load' });
    return page;
  }

  it('drives a UTRN entry from the premises view and sees balance, screens and inbox change live', async () => {
    // Some traffic for the log: the supplier reads premises 2's registers (SR 4.1.1).
    const supplier = world.parties.supplier;
    const client = new GatewayClient(world.gatewayUrl, supplier.eui, supplier.ds, nodeCrypto, new RealClock());
    const target = world.premises[1]!.esme.eui;
    const requestId = client.nextRequestId(target);
    await submitPartyRequest(client, supplier.ds, { requestId, role: 'IS', sr: '4.1.1', target });
    await client.waitFor((item) => item.requestId === requestId);

    const fleet = await open('');
    await fleet.waitForFunction(() => document.querySelectorAll('tr[data-premises]').length === 3);
    await fleet.type('#fleet-search', world.premises[2]!.gsme.eui.replace(/-/g, ''));
    await fleet.waitForFunction(() => document.querySelectorAll('tr[data-premises]').length === 1);
    expect(await fleet.$eval('tr[data-premises]', (row) => row.getAttribute('data-premises'))).toBe('3');
    await fleet.click('#fleet-search', { count: 3 });
    await fleet.keyboard.press('Backspace');
    await fleet.waitForFunction(() => document.querySelectorAll('tr[data-premises]').length === 3);
    expect(await fleet.$eval('tbody', (body) => body.textContent)).toContain('online');
    await fleet.$eval('#fleet-search', (input) => (input as HTMLInputElement).blur());
    await fleet.screenshot({ path: docs('dashboard-fleet.png') });

    // The supplier's inbox, open beside: it must grow by itself when the meter reports the top-up.
    const inbox = await open('#/inboxes/supplier');
    await inbox.waitForSelector('[data-party-inbox="supplier"] .inbox-item');
    expect(await inbox.$$eval('.inbox-item', (rows) => rows.some((r) => r.textContent?.includes('0x810E')))).toBe(
      false,
    );

    const page = await open('#/premises/1');
    const esmeBalance = '[data-device="ESME"] [data-field="balance"]';
    await page.waitForSelector(esmeBalance);
    expect(await balanceIn(page, esmeBalance)).toBeLessThanOrEqual(3);
    await page.waitForFunction(() => document.querySelector('[data-screen="IHD"]')?.textContent?.includes('balance £'));
    expect(await balanceIn(page, '[data-screen="IHD"]')).toBeLessThanOrEqual(3);

    const home = world.premises[0]!;
    const utrn = generateUtrn(nodeCrypto, supplier.prepaymentKa, home.keys.get(home.esme.eui)!.ka.publicKey, {
      originator: supplier.eui,
      target: home.esme.eui,
      counter: 1n << 32n,
      value: 7,
      valueClass: 'pounds',
    });
    await page.type('#utrn-input', utrn);
    await page.click('#utrn-enter');
    await page.waitForFunction(() => document.querySelector('#action-result')?.textContent?.startsWith('✓'));

    // £3 + £7, less what was used meanwhile. The PPMID hears at once; the IHD at its next poll (10 s).
    await page.waitForFunction(
      (selector) => /£(9\.\d\d|10\.00)/.test(document.querySelector(selector)?.textContent ?? ''),
      { timeout: 10_000 },
      esmeBalance,
    );
    await page.waitForFunction(
      () => /balance £(9\.\d\d|10\.00)/.test(document.querySelector('[data-screen="PPMID"]')?.textContent ?? ''),
      { timeout: 10_000 },
    );
    await page.waitForFunction(
      () => /balance £(9\.\d\d|10\.00)/.test(document.querySelector('[data-screen="IHD"]')?.textContent ?? ''),
      { timeout: 20_000 },
    );
    await inbox.waitForFunction(
      () =>
        [...document.querySelectorAll('[data-party-inbox="supplier"] .inbox-item')].some(
          (row) => row.textContent?.includes('0x810E') && row.textContent.includes('"amountPence":700'),
        ),
      { timeout: 10_000 },
    );
    // The premises' own log shows the alert that went up, and the delivery to the supplier.
    await page.waitForFunction(() => document.querySelector('table.log')?.textContent?.includes('alert 0x810E'));
    await page.screenshot({ path: docs('dashboard-premises.png'), fullPage: true });

    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    expect(statSync(docs('dashboard-fleet.png')).size).toBeGreaterThan(20_000);
    expect(statSync(docs('dashboard-premises.png')).size).toBeGreaterThan(20_000);
  }, 120_000);
});
