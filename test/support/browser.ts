/**
 * Debian's Chromium for browser tests: never downloaded, launched headless with the flags a closed network
 * needs; and servedWithBrowser, the app on a free local port with the browser, as every browser suite starts.
 */
import { existsSync } from "node:fs";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { importBundledIfEmpty } from "../../src/cli/commands/serve.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { listen } from "../../src/web/server.ts";

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

/** Cookies to start a page with: a test Client's jar, or name/value pairs. */
export type Cookies = ReadonlyMap<string, string> | readonly { name: string; value: string }[];
export type ContextOptions = BrowserContextOptions & { cookies?: Cookies };

function cookiePairs(cookies: Cookies): readonly { name: string; value: string }[] {
  if (cookies instanceof Map) return [...cookies].map(([name, value]) => ({ name, value }));
  return cookies as readonly { name: string; value: string }[];
}

/** The app served on 127.0.0.1 with headless Chromium (see servedWithBrowser). */
export interface ServedBrowser {
  /** The server's address, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  browser: Browser;
  store: SqlDutyStore;
  app: ReturnType<typeof createApp>;
  /**
   * A browser context (viewport, JavaScript, downloads as `options` say) with `cookies` set for the server
   * (a signed-in user's); closed by close() if not before.
   */
  context(options?: ContextOptions): Promise<BrowserContext>;
  /** A page in a context of its own (see context); close it with page.context().close(). */
  page(options?: ContextOptions): Promise<Page>;
  /** Ends the browser, the server and the store. */
  close(): Promise<void>;
}

/**
 * Serves an app on a free local port and launches headless Chromium. The app is over the bundled lists in
 * memory unless the suite brings its store (with users, precedents…), and with it its app if it made one.
 */
export async function servedWithBrowser(given?: {
  store: SqlDutyStore;
  app?: ReturnType<typeof createApp>;
}): Promise<ServedBrowser> {
  let store = given?.store;
  if (!store) {
    store = await openStore({ path: ":memory:" });
    await importBundledIfEmpty(store);
  }
  const app = given?.app ?? createApp({ store });
  const server = await listen(app, { port: 0, hostname: "127.0.0.1" });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.close();
    if (!given) await store.close();
    throw error;
  }
  const url = server.url;
  const context = async (options: ContextOptions = {}) => {
    const { cookies, ...contextOptions } = options;
    const made = await browser.newContext(contextOptions);
    const pairs = cookies ? cookiePairs(cookies) : [];
    if (pairs.length) await made.addCookies(pairs.map((c) => ({ name: c.name, value: c.value, url })));
    return made;
  };
  return {
    url,
    browser,
    store,
    app,
    context,
    async page(options) {
      return (await context(options)).newPage();
    },
    async close() {
      await browser.close();
      await server.close();
      await store.close();
    },
  };
}
