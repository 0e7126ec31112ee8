import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBalanceSlip, type BalanceSlip } from './slip';
import { pageSizeMicrons, renderSlipHtml, SLIP_HEIGHT_EXPRESSION } from './html';
import { account, context, FULL_CARD, okOutcome } from './test-support/fixtures';

/** PDFs land here (gitignored) so a person can look at them. */
const OUT = fileURLToPath(new URL('../../../test-results/counter-output/', import.meta.url));

function slip(overrides: Parameters<typeof context>[0] = {}): BalanceSlip {
  const build = buildBalanceSlip(
    okOutcome([account(), account({ accountId: 'acc-2', deleted: true, usable: 0 })]),
    context(overrides),
  );
  if (build.kind !== 'slip') throw new Error(build.detail);
  return build.slip;
}

describe('pageSizeMicrons', () => {
  it('is the paper width by the measured height (1 CSS px = 25400/96 µm) plus a tail for the cutter', () => {
    expect(pageSizeMicrons(80, 96)).toEqual({ width: 80_000, height: 25_400 + 8_000 });
    expect(pageSizeMicrons(58, 100.5)).toEqual({
      width: 58_000,
      height: Math.ceil((100.5 * 25_400) / 96) + 8_000,
    });
  });

  it('never goes under the smallest page Electron takes, whatever was measured', () => {
    for (const px of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const size = pageSizeMicrons(58, px);
      expect(size.height).toBeGreaterThanOrEqual(353);
      expect(Number.isInteger(size.height)).toBe(true);
    }
  });
});

describe('renderSlipHtml', () => {
  it('is one self-contained document: no script, no external resource, no inline style attribute', () => {
    const { html, nonce } = renderSlipHtml(slip(), { paperWidthMm: 80 });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|\ssrc=|\shref=|\sstyle=|url\(|@import/i);
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).toContain(`style-src 'nonce-${nonce}'`);
    expect(html).not.toContain(FULL_CARD);
    expect(renderSlipHtml(slip(), { paperWidthMm: 80 }).nonce).not.toBe(nonce);
    expect(renderSlipHtml(slip(), { paperWidthMm: 58, nonce: 'abcdEFGH1234' }).nonce).toBe('abcdEFGH1234');
    // A nonce that could break out of the attribute is not used.
    expect(renderSlipHtml(slip(), { paperWidthMm: 58, nonce: '"><script>' }).nonce).not.toContain('"');
  });

  it('escapes text from settings and the gateway', () => {
    const { html } = renderSlipHtml(slip({ storeName: '<img src=x onerror=alert(1)>&' }), {
      paperWidthMm: 58,
    });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;');
    expect(html).not.toContain('<img');
  });
});

// Chromium start-up and PDF rendering take seconds on a loaded machine; nothing here is timed.
describe('HTML slip in Chromium', { timeout: 60_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
    await mkdir(OUT, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const paperWidthMm of [58, 80] as const) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`lays out at ${paperWidthMm} mm in ${locale} under its own strict CSP and prints to a one-page PDF`, async () => {
        // The hidden print window is as wide as the paper; so is this page.
        const paperPx = Math.ceil((paperWidthMm * 96) / 25.4);
        const page = await browser.newPage({ viewport: { width: paperPx, height: 600 } });
        const violations: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') violations.push(m.text());
        });
        try {
          const { html } = renderSlipHtml(slip({ locale, storeName: '<b>杭州西湖店</b>' }), { paperWidthMm });
          await page.setContent(html, { waitUntil: 'load' });
          // A string, as this file is type-checked without the DOM library.
          const measured = await page.evaluate<{
            width: number;
            height: number;
            scrollWidth: number;
            bodyOverflow: number;
            usableWeight: string;
            deletedNote: string | null;
            title: string | null;
            h1: string | null;
            bolds: number;
            text: string;
          }>(`(() => {
            const body = document.body;
            return {
              width: body.getBoundingClientRect().width,
              height: ${SLIP_HEIGHT_EXPRESSION},
              scrollWidth: document.documentElement.scrollWidth,
              bodyOverflow: body.scrollWidth - body.clientWidth,
              usableWeight: getComputedStyle(document.querySelector('.usable')).fontWeight,
              deletedNote: document.querySelector('.deleted .note')?.textContent ?? null,
              title: document.querySelector('h2')?.textContent ?? null,
              h1: document.querySelector('h1')?.textContent ?? null,
              bolds: document.querySelectorAll('h1 b').length,
              text: body.innerText,
            };
          })()`);
          expect(violations).toEqual([]);
          // The style applied (so the CSP let it through): the body is exactly the paper width.
          expect(measured.width).toBeCloseTo((paperWidthMm * 96) / 25.4, 0);
          // Nothing sticks out sideways (long names and amounts wrap inside the paper).
          expect(measured.scrollWidth).toBeLessThanOrEqual(paperPx);
          expect(measured.bodyOverflow).toBeLessThanOrEqual(0);
          expect(measured.usableWeight).toBe('700');
          expect(measured.title).toBe(locale === 'en' ? 'BALANCE INQUIRY' : '余额查询');
          expect(measured.deletedNote).toBe(
            locale === 'en' ? 'Account closed, the balance cannot be used' : '账户已注销，余额不可使用',
          );
          expect(measured.h1).toBe('<b>杭州西湖店</b>');
          expect(measured.bolds).toBe(0);
          expect(measured.text).toContain('****0125');
          expect(measured.text).not.toContain(FULL_CARD);

          const size = pageSizeMicrons(paperWidthMm, measured.height);
          const pdf = await page.pdf({
            width: `${size.width / 1000}mm`,
            height: `${size.height / 1000}mm`,
            margin: { top: '0', right: '0', bottom: '0', left: '0' },
            printBackground: true,
          });
          await writeFile(`${OUT}slip-${paperWidthMm}mm-${locale}.pdf`, pdf);
          const text = pdf.toString('latin1');
          expect(text.startsWith('%PDF-')).toBe(true);
          // The whole slip fits the measured page: exactly one page, not A4, not two.
          expect(text.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
          const box = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
          // Chromium rounds the page to whole CSS pixels (0.75 pt), hence the 1 pt tolerance.
          expect(Math.abs(Number(box?.[1]) - (paperWidthMm / 25.4) * 72)).toBeLessThan(1);
          expect(Math.abs(Number(box?.[2]) - (size.height / 25_400) * 72)).toBeLessThan(1);
        } finally {
          await page.close();
        }
      });
    }
  }
});
