/// <reference lib="dom" />
import { existsSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

/** Debian's chromium (.ci/run installs it); SMETSIM_CHROMIUM names another. */
export const CHROMIUM = process.env.SMETSIM_CHROMIUM ?? '/usr/bin/chromium';

export interface OpenedPage {
  readonly consoleErrors: readonly string[];
  /** Anything the page asked for that is not in the file itself. */
  readonly externalRequests: readonly string[];
  readonly charts: number;
  /** Chart canvases with something drawn on them (not all one colour). */
  readonly inkedCanvases: number;
  readonly text: string;
  readonly screenshotBytes: number;
}

/** Open a local HTML file in headless Chromium, take a full-page screenshot, and report what it saw. */
export async function openInChromium(file: string, screenshot: string): Promise<OpenedPage> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set SMETSIM_CHROMIUM)`);
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in a container has no user namespace for the sandbox; the page is our own file.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    const externalRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('request', (request) => {
      if (!/^(file|data|about):/.test(request.url())) externalRequests.push(request.url());
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('body[data-charts]', { timeout: 10_000 });
    const seen = await page.evaluate(() => {
      const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('.uplot canvas'));
      const inked = canvases.filter((canvas) => {
        const context = canvas.getContext('2d');
        if (!context || canvas.width === 0) return false;
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 4; i < pixels.length; i += 4)
          if (pixels[i] !== pixels[0] || pixels[i + 3] !== pixels[3]) return true;
        return false;
      });
      return { charts: Number(document.body.dataset.charts), inked: inked.length, text: document.body.innerText };
    });
    await page.screenshot({ path: screenshot, fullPage: true });
    return {
      consoleErrors,
      externalRequests,
      charts: seen.charts,
      inkedCanvases: seen.inked,
      text: seen.text,
      screenshotBytes: statSync(screenshot).size,
    };
  } finally {
    await browser.close();
  }
}

/**
 * Debian's Chromium for a page served over HTTP on 127.0.0.1: headless, and with nothing of its own
 * reaching out (no sync, no component updates, no background fetches, no QUIC), in a fresh
 * profile folder that the caller removes.
 */
export async function launchChromium(userDataDir: string) {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set SMETSIM_CHROMIUM)`);
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    // Root in a container has no user namespace for the sandbox; the pages are our own.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
