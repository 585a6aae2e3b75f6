/**
 * The HTML report as a person on call sees it, in a real headless Chromium (Debian's package, driven
 * by playwright-core; `npm test` installs it first, scripts/ensure-browser.mjs): from a run against a
 * faulty sandbox, the page loads with no console error and asks the network for nothing, a failed
 * clause is visible without a click, and the coverage totals are results.json's. The screenshot is
 * kept in reports/artefacts/ for the pipeline.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RUN_SANDBOX } from '../../src/defaults.js';
import type { ResultsFile } from '../../src/report/results-file.js';
import { runSuites } from '../../src/run/run.js';
import { PROJECT_ROOT } from '../helpers/paths.js';

const CHROMIUM = process.env.BROKER_CONTRACT_CHROMIUM || '/usr/bin/chromium';
/** Without the background-networking flags Chromium tries Google's hosts at every start. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT = join(PROJECT_ROOT, 'reports/artefacts/report-html.png');

let dir: string;
let results: ResultsFile;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'broker-contract-html-'));
  await runSuites({
    profile: 'full',
    only: '05a',
    reportDir: dir,
    quiet: true,
    sandbox: { ...RUN_SANDBOX, fault: 'download-corrupt' },
  });
  results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as ResultsFile;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('report.html in Chromium', () => {
  it('the run behind it failed on the fault, so there is a failure to show', () => {
    expect(results.verdict.exitCode).toBe(1);
    expect(results.cases.some((c) => c.outcome === 'failed')).toBe(true);
  });

  it('loads with no console error and asks the network for nothing', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('shows the verdict and a failed clause without a click', async () => {
    await expect(page.locator('#verdict').isVisible()).resolves.toBe(true);
    const failed = results.cases.find((c) => c.outcome === 'failed');
    const shown = page.locator('.clause.failed', { hasText: failed?.clause ?? '' }).first();
    await expect(shown.isVisible()).resolves.toBe(true);
    // What came versus what the contract says is open too, not only the title.
    await expect(shown.locator('pre').first().isVisible()).resolves.toBe(true);
  });

  it.each(['operations', 'statuses', 'events'] as const)(
    'shows the %s coverage totals of results.json',
    async (kind) => {
      const { exercised, total } = results.coverage.totals[kind];
      await expect(page.locator(`#coverage-${kind}`).innerText()).resolves.toBe(`${exercised}/${total}`);
    },
  );

  it('keeps a screenshot for the pipeline', async () => {
    await mkdir(join(PROJECT_ROOT, 'reports/artefacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    expect((await readFile(SCREENSHOT)).subarray(1, 4).toString()).toBe('PNG');
  });
});
