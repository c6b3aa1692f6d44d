// Headless Debian Chromium (or Firefox ESR, or WebKitGTK) on a page of this package, served by
// scripts/serve.mjs. Shared by the end-to-end tests, `make prove` and the benchmarks.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { startServer } from './serve.mjs';
import { launchWebKit } from './webkit.mjs';

export const webRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The flags this machine's Chromium needs headless and offline. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * Debian's Firefox ESR, headless, over WebDriver BiDi (puppeteer-core: no driver to download).
 * Its pages are puppeteer's, not Playwright's: `page.evaluate`, `page.goto` and
 * `page.waitForFunction` are used the same way by the tests.
 */
export function launchFirefox() {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    // No update checks, telemetry or other background requests: this machine is offline.
    extraPrefsFirefox: { 'network.connectivity-service.enabled': false, 'app.update.enabled': false },
    // A proof is one long `page.evaluate`: the tests' own timeouts bound it, not puppeteer's
    // 180 s default for a protocol call (which a loaded 2-core machine can pass).
    protocolTimeout: 30 * 60_000,
  });
}

/**
 * Serves web/ (plus `mounts`, e.g. `{ '/guests': dir }`) and opens `path` (default the page
 * that exposes the package as `window.sp1`) in `engine`: 'chromium', 'firefox' or 'webkit'
 * (SharedArrayBuffer on when the page is isolated, as in Safari, unless `sharedArrayBuffer` is
 * false, as in WebKitGTK as installed); `version` names the browser and its version. In Chromium
 * and Firefox, page errors are collected in `errors`, console warnings and errors (the page's and
 * its workers') in `warnings`; WebDriver classic, which drives WebKit, reports neither.
 */
export async function openPage({
  engine = 'chromium',
  isolated = true,
  sharedArrayBuffer = isolated,
  mounts = {},
  path = '/e2e/index.html',
  chromiumArgs = [],
} = {}) {
  const { server, url } = await startServer({ root: webRoot, isolated, mounts });
  const opened = await BROWSERS[engine]({ sharedArrayBuffer, chromiumArgs });
  const { page } = opened;
  await page.goto(`${url}${path}`);
  if (path === '/e2e/index.html') await page.waitForFunction(() => window.sp1Ready === true);
  return {
    ...opened,
    url,
    async close() {
      await opened.close();
      server.close();
    },
  };
}

const BROWSERS = {
  chromium: async ({ chromiumArgs }) => {
    const browser = await launchChromium(chromiumArgs);
    return withPageEvents(browser, `Chromium ${browser.version()}`);
  },
  firefox: async () => {
    const browser = await launchFirefox();
    // "firefox/153.8.0"
    return withPageEvents(browser, `Firefox ${(await browser.version()).split('/')[1]}`);
  },
  webkit: async ({ sharedArrayBuffer }) => {
    const page = await launchWebKit({ sharedArrayBuffer });
    return { page, version: page.version, close: () => page.close() };
  },
};

/** A new page of a Playwright or puppeteer browser, its errors and warnings collected. */
async function withPageEvents(browser, version) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  const warnings = [];
  page.on('console', (message) => {
    // Playwright says 'warning', puppeteer 'warn'.
    if (['warning', 'warn', 'error'].includes(message.type())) warnings.push(message.text());
  });
  if (process.env.E2E_VERBOSE) page.on('console', (message) => console.log(`[browser] ${message.text()}`));
  return { page, browser, version, errors, warnings, close: () => browser.close() };
}
