/**
 * Static assets (stylesheet, small scripts) shipped in src/web/assets and served from memory with a
 * content hash in the URL, so browsers cache them for good and intranets need no CDN.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import type { Hono } from "hono";
import { lookup } from "../domain/lookup.ts";

const DIR = new URL("./assets/", import.meta.url);
const TYPES: Record<string, string> = {
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  svg: "image/svg+xml",
};

interface Asset {
  body: Uint8Array;
  type: string;
  hash: string;
}

let assets: Map<string, Asset> | undefined;

function load(): Map<string, Asset> {
  if (assets) return assets;
  assets = new Map();
  for (const name of readdirSync(DIR)) {
    const type = lookup(TYPES, name.split(".").pop() ?? "");
    if (!type) continue;
    const body = readFileSync(new URL(name, DIR));
    assets.set(name, { body, type, hash: createHash("sha256").update(body).digest("hex").slice(0, 10) });
  }
  return assets;
}

/** The URL of an asset, versioned by its content. */
export function assetHref(name: string): string {
  const asset = load().get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/assets/${name}?v=${asset.hash}`;
}

/** Serves GET /assets/:name (and answers browsers' automatic /favicon.ico with no content). */
export function mountAssets(app: Hono): void {
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));
  app.get("/assets/:name", (c) => {
    const asset = load().get(c.req.param("name"));
    if (!asset) return c.notFound();
    const versioned = c.req.query("v") === asset.hash;
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": asset.type,
      "cache-control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    });
  });
}
