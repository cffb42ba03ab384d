/**
 * Issue 13 (checks/s): rendering a page leaves node's promise hooks off (src/web/render-context.ts). With
 * them on (hono/jsx's AsyncLocalStorage, on node 20), every promise of every later request — ~165 per API
 * check — pays for the hook. A promise continuation runs "inside" its promise only while the hooks are on.
 * Checked in a child process: the test runner itself may have switched the hooks on.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

const SCRIPT = `
import { executionAsyncResource } from "node:async_hooks";
const hooksOn = async () => { await null; return executionAsyncResource() instanceof Promise; };
const before = await hooksOn();
const lookup = process.getBuiltinModule;
const { openStore } = await import("./src/store/index.ts");
const { createApp } = await import("./src/web/app.ts");
const { importEdition } = await import("./src/workflow/imports.ts");
const { bundledDraft } = await import("./test/workflow/helpers.ts");
const store = await openStore({ path: ":memory:" });
await importEdition(store, await bundledDraft(), "test", { status: "published" });
const app = createApp({ store });
const res = await app.request("/t/" + encodeURIComponent("策勒乡"));
const html = await res.text();
console.log(JSON.stringify({ before, status: res.status, named: html.includes("策勒乡"), after: await hooksOn(), lookupKept: process.getBuiltinModule === lookup }));
await store.close();
`;

test("pages render without switching promise hooks on, and node's module lookup is left as it was", () => {
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const seen = JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
  assert.deepEqual(seen, { before: false, status: 200, named: true, after: false, lookupKept: true });
});
