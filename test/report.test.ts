// `relecteur report --html` in a real browser: Debian's chromium driven by
// playwright-core. The page of two corpus books is opened with every network request
// refused; its summary figures must be the JSON's, a fact link must show the fact's
// place in the original, the facts table must filter and sort, the change view must
// link its edits to rules. If chromium is missing this fails (CI installs it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, removeDir, runCli, tempDir } from './support/run-cli.js';
import type { DocumentJson } from '../src/types.js';

const BOOKS = ['000_0fdbcb2e0c620327', '004_c91a1da01ef0a3e1'];
let dir: string;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const errors: string[] = [];
const docs: DocumentJson[] = [];

beforeAll(async () => {
  dir = tempDir('relecteur-report-');
  const out = join(dir, 'out');
  const run = await runCli(['run', ...BOOKS.map((b) => join(CORPUS, `${b}.txt`)), '--out', out, '-q']);
  expect(run.code, run.stderr).toBe(0);
  const rep = await runCli(['report', out, '--html', join(dir, 'report.html')]);
  expect(rep.code, rep.stderr).toBe(0);
  for (const b of BOOKS) docs.push(JSON.parse(readFileSync(join(out, `${b}.json`), 'utf8')));
  expect(existsSync('/usr/bin/chromium'), 'Debian chromium is required (apt-get install -y chromium)').toBe(true);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith('file://') ? route.continue() : route.abort();
  });
  await page.goto(`file://${join(dir, 'report.html')}`);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  removeDir(dir);
});

describe('HTML report in chromium', () => {
  it('loads with no network request and no script error', () => {
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the summary figures are the JSON figures', async () => {
    for (const doc of docs) {
      const row = page.locator(`#summary tr[data-book="${doc.source.path}"]`);
      const cell = async (k: string) => (await row.locator(`td[data-figure="${k}"]`).textContent())!.trim();
      expect(await cell('blocks')).toBe(String(doc.stats.blocks));
      expect(await cell('footnotes')).toBe(String(doc.stats.footnotes));
      expect(await cell('markers')).toBe(String(doc.stats.markers));
      expect(await cell('urlsRepaired')).toBe(String(doc.stats.urlsRepaired));
      expect(await cell('urlsUnrecoverable')).toBe(String(doc.stats.urlsUnrecoverable));
      expect(await cell('facts')).toBe(String(Object.values(doc.stats.facts).reduce((a, b) => a + b, 0)));
      expect(await cell('layout')).toBe(doc.source.layout);
    }
  });

  it('a fact link shows the fact at its line and column in the original', async () => {
    const i = 1;
    const doc = docs[i]!;
    const fact = doc.facts.find((f) => f.type === 'money' && f.text.includes(' '))!;
    const sec = page.locator(`#book-${i}`);
    await sec.locator('.fact-filter').fill(fact.text);
    await sec.locator('table.facts tbody tr td:nth-child(2) a', { hasText: fact.text }).first().click();
    const target = page.locator(`#orig-${i} .ln.target`);
    await target.waitFor();
    expect(Number(await target.getAttribute('data-line'))).toBe(fact.source.line);
    // the marked text in the original starts with the fact's first word (the original may wrap it)
    const mark = (await target.locator('mark').textContent())!;
    expect(mark.split(/\s/)[0]).toBe(fact.text.split(/\s/)[0]);
    expect(await page.evaluate(() => location.hash)).toBe(`#b${i}-L${fact.source.line}-C${fact.source.column}-N${fact.text.length}`);
  });

  it('the facts table filters by type and by text, and sorts', async () => {
    const sec = page.locator('#book-0');
    await sec.locator('.fact-filter').fill('');
    await sec.locator('.fact-type').selectOption('percent');
    const rows = sec.locator('table.facts tbody tr');
    expect(await rows.count()).toBe(docs[0]!.stats.facts.percent);
    expect(new Set(await rows.locator('td:first-child').allTextContents())).toEqual(new Set(['percent']));
    await sec.locator('.fact-type').selectOption('');
    await sec.locator('.fact-filter').fill('milliards de dollars');
    const texts = await rows.locator('td:nth-child(2)').allTextContents();
    expect(texts.length).toBe(docs[0]!.facts.filter((f) => `${f.text}`.toLowerCase().includes('milliards de dollars')).length);
    expect(texts.length).toBeGreaterThan(0);
    await sec.locator('table.facts th[data-col="1"]').click();
    const sorted = await rows.locator('td:nth-child(2)').allTextContents();
    expect(sorted).toEqual([...sorted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await sec.locator('.fact-filter').fill('');
  });

  it('the change view marks real edits with their rule; footnotes mark repaired URLs', async () => {
    const sec = page.locator('#book-0');
    const edits = sec.locator('.changes .edit');
    expect(await edits.count()).toBeGreaterThan(0);
    const rules = new Set(await edits.locator('a.rule').allTextContents());
    const known = new Set([...docs[0]!.audit.map((a) => a.rule), ...docs[0]!.removed.map((r) => r.rule)]);
    for (const r of rules) expect(known.has(r), r).toBe(true);
    expect(await sec.locator('table.footnotes tbody tr').count()).toBe(docs[0]!.footnotes.length);
    const repaired = docs[0]!.footnotes.flatMap((f) => f.urls).filter((u) => u.status === 'repaired').length;
    expect(await sec.locator('table.footnotes .repaired').count()).toBe(repaired);
    // a footnote's "cited in" link reaches its block, even one not drawn yet
    const last = docs[0]!.footnotes.filter((f) => f.refs.length).at(-1)!;
    await sec.locator(`#b0-fn${last.n} a.ref`).first().click();
    await expect.poll(() => page.locator(`#b0-${last.refs[0]}`).count()).toBe(1);
    expect(await page.locator(`#b0-${last.refs[0]} .note`, { hasText: `[^${last.n}]` }).count()).toBeGreaterThan(0);
    // the charts: one bar per fact type and per URL outcome
    expect(await sec.locator('svg.chart rect').count()).toBe(5 + 3);
    const shot = join(dir, 'report.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });
});
