/**
 * Third-party browser scripts served from lvzhi itself (intranets have no internet, so no CDN): read once
 * from node_modules, served with a content hash in the URL so browsers cache them for good.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Hono } from "hono";
import { lookup } from "../domain/lookup.ts";

const require = createRequire(import.meta.url);

/** URL name → module file. ECharts' "common" build has the bar charts the county page draws. */
const VENDOR: Record<string, string> = {
  "echarts.min.js": "echarts/dist/echarts.common.min.js",
};

let loaded: Map<string, { body: Uint8Array; hash: string }> | undefined;

function load(name: string): { body: Uint8Array; hash: string } | undefined {
  loaded ??= new Map();
  const hit = loaded.get(name);
  if (hit) return hit;
  const module = lookup(VENDOR, name);
  if (!module) return undefined;
  const body = readFileSync(require.resolve(module));
  const entry = { body, hash: createHash("sha256").update(body).digest("hex").slice(0, 10) };
  loaded.set(name, entry);
  return entry;
}

/** The versioned URL of a vendored script. */
export function vendorHref(name: string): string {
  const entry = load(name);
  if (!entry) throw new Error(`unknown vendored script ${name}`);
  return `/vendor/${name}?v=${entry.hash}`;
}

/** Serves GET /vendor/:name. */
export function mountVendor(app: Hono): void {
  app.get("/vendor/:name", (c) => {
    const entry = load(c.req.param("name"));
    if (!entry) return c.notFound();
    const versioned = c.req.query("v") === entry.hash;
    return c.body(entry.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    });
  });
}
