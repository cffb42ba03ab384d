/** Debian's Chromium for browser tests: never downloaded, launched headless with the flags a closed network needs. */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The `skip` option of a browser suite: a reason when Chromium is not installed. */
export const skipWithoutChromium: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is not installed`;

/** Launches the headless browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Uploads `sheet` (.xlsx bytes) on a township's 任务表核验 page (`url`) and waits for the results table. */
export async function checkSheetInPage(page: Page, url: string, sheet: Buffer): Promise<void> {
  await page.goto(url);
  await page
    .locator("#sheet-file")
    .setInputFiles({ name: "任务.xlsx", mimeType: "application/octet-stream", buffer: sheet });
  await page.locator("button[value=page]").click();
  await page.waitForSelector("table.file-table");
}
