/**
 * Render once per edition: public pages and their JSON/CSV twins, answered to anonymous visitors, are kept
 * per (route, normalised query, partial-page header) and revalidated on the store's edition revision (one
 * single-row read per request, shared by requests that arrive while it runs). While the revision stands the
 * stored bytes are sent again, with a strong ETag (304 on If-None-Match) and gzip or brotli chosen from
 * Accept-Encoding, each compressed once per entry. When it moves, the page is rendered again; if the bytes
 * came out the same (an import in another township), the entry, its ETag and its compressed forms are kept.
 *
 * Only anonymous answers are shared. Everyone without a session has the same read rights (published
 * editions only), so one entry per URL is exactly right for them; a signed-in visitor's page carries their
 * own name and may show drafts, so it is always rendered fresh and sent `private, no-store` (cache-headers.ts).
 * Keeping signed-in pages out of the shared store entirely, rather than keying entries by read rights and
 * patching the user's name in, means no code path can hand one user's page to another.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import { LRUCache } from "lru-cache";
import type { DutyStore } from "../store/types.ts";
import { sessionOf } from "./auth/context.ts";
import { SESSION_COOKIE } from "./auth/cookies.ts";
import { varyBy } from "./cache-headers.ts";
import { CONTROL, ESCAPED_CONTROL } from "./control-chars.ts";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The routes whose anonymous answers depend only on editions, items and departments (all behind the revision). */
const PUBLIC_ROUTES = [
  /^\/$/,
  /^\/townships\.csv$/,
  /^\/api\/v1(?:\/townships)?$/,
  /^\/(?:api\/v1\/)?t\/[^/]+$/,
  /^\/t\/[^/]+\/list\.csv$/,
  /^\/(?:api\/v1\/)?t\/[^/]+\/(?:basic|cooperative|reclaimed)\/\d+$/,
  /^\/(?:api\/v1\/)?departments(?:\/[^/]+)?$/,
  /^\/departments(?:\/[^/]+\/items)?\.csv$/,
  /^\/departments\/[^/]+\/items\.csv$/,
  /^\/c(?:\/[^/]+)?$/,
  /^\/c\/[^/]+\/matrix\.csv$/,
  /^\/api\/v1\/counties(?:\/[^/]+)?$/,
];

/** Only text answers are kept (exports in xlsx/docx are rare and large). */
const CACHEABLE_TYPE = /^(?:text\/html|application\/json|text\/csv)\b/;

/** Headers of the rendered answer that belong to every copy of it. */
const KEPT_HEADERS = ["content-type", "content-disposition", "vary"];

/** Below this size compression is not worth a header. */
const COMPRESS_MIN_BYTES = 1024;

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

type Encoding = "br" | "gzip" | "identity";

/**
 * One form of an entry's answer: 200 in an encoding, or the 304 to a client that prefers that encoding
 * (its ETag names the encoding, as the 200 that client got did).
 */
type Variant = Encoding | `304-${Encoding}`;

const isNotModified = (variant: Variant) => variant.startsWith("304");

declare module "hono" {
  interface ContextVariableMap {
    /** The entry and form a request was answered with from the cache (for the fast path's headers). */
    pageAnswer: { entry: Entry; variant: Variant };
  }
}

interface Entry {
  revision: number;
  hash: string;
  headers: [string, string][];
  body: Buffer;
  gzip?: Promise<Buffer>;
  br?: Promise<Buffer>;
  /** Bytes of the compressed forms made so far (counted in the cache's size). */
  compressedBytes: number;
  /**
   * Every header of an answer from this entry as it left the app (security headers, Vary: Cookie and all),
   * per form, recorded from a normal answer: the fast path sends exactly these, and has none to send until
   * the app answered that form once.
   */
  sent: Partial<Record<Variant, [string, string][]>>;
}

export interface PageCacheOptions {
  /** Memory for kept answers, compressed forms included (default: LVZHI_PAGE_CACHE_MB or 64 MB); 0: keep none. */
  maxBytes?: number;
}

/** Reads the edition revision once for all requests that wait on it together. */
class RevisionReader {
  private pending: Promise<number> | null = null;

  constructor(private readonly store: DutyStore) {}

  current(): Promise<number> {
    if (!this.pending) {
      this.pending = this.store.editionsVersion().finally(() => {
        this.pending = null;
      });
    }
    return this.pending;
  }
}

/** The cache of public answers, and counters for tests and the bench. */
export class PageCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly revision: RevisionReader;
  private readonly enabled: boolean;
  renders = 0;
  hits = 0;
  /** Hits answered by the fast path (counted in `hits` too). */
  fastHits = 0;

  constructor(store: DutyStore, options: PageCacheOptions = {}) {
    const mb = Number(process.env.LVZHI_PAGE_CACHE_MB);
    const maxBytes = options.maxBytes ?? (Number.isFinite(mb) && mb >= 0 ? mb : 64) * 1024 * 1024;
    this.enabled = maxBytes > 0;
    this.entries = new LRUCache({
      maxSize: Math.max(1, maxBytes),
      maxEntrySize: Math.max(1, maxBytes),
      sizeCalculation: (e) => e.body.length + e.compressedBytes + 512,
    });
    this.revision = new RevisionReader(store);
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The middleware; mount it after the auth middleware (it needs to know who is asking). */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      if (
        !this.enabled ||
        c.req.method !== "GET" ||
        sessionOf(c) !== null ||
        !PUBLIC_ROUTES.some((r) => r.test(c.req.path))
      ) {
        return next();
      }
      // Read before rendering: a write racing the render can only make the entry look older than it is.
      const revision = await this.revision.current();
      const key = keyOf(c);
      const hit = this.entries.get(key);
      if (hit && hit.revision === revision) {
        this.hits++;
        c.res = await this.answer(c, key, hit);
        return;
      }
      await next();
      this.renders++;
      const res = c.res;
      const type = res.headers.get("content-type") ?? "";
      if (
        res.status !== 200 ||
        res.headers.has("set-cookie") ||
        res.headers.has("content-encoding") ||
        !CACHEABLE_TYPE.test(type) ||
        sessionOf(c) !== null
      ) {
        // The page is gone or no longer public: drop what was kept for it.
        if (hit) this.entries.delete(key);
        return;
      }
      const body = Buffer.from(await res.arrayBuffer());
      const hash = createHash("sha256").update(body).digest("base64url").slice(0, 27);
      let entry: Entry;
      if (hit && hit.hash === hash) {
        // Same bytes under a newer revision: keep the ETag and the compressed forms.
        hit.revision = revision;
        entry = hit;
      } else {
        const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
          const value = res.headers.get(name);
          return value === null ? [] : [[name, value]];
        });
        entry = { revision, hash, headers, body, compressedBytes: 0, sent: {} };
        this.entries.set(key, entry);
      }
      c.res = await this.answer(c, key, entry);
    };
  }

  /**
   * Mounted first, outside every other middleware: once an answer from an entry has passed through them
   * all, its headers are kept with the entry for that form, as the fast path's headers. An answer some
   * later middleware changed (compressed by another encoding, say) is not kept.
   */
  recorder(): MiddlewareHandler {
    return async (c, next) => {
      await next();
      const answered = c.get("pageAnswer");
      if (!answered) return;
      const { entry, variant } = answered;
      const res = c.res;
      const encoding = res.headers.get("content-encoding") ?? "identity";
      const expected = isNotModified(variant) ? 304 : 200;
      if (res.status !== expected || (expected === 200 && encoding !== variant)) return;
      const headers = [...res.headers.entries()];
      // @hono/node-server gives every answer without a Content-Type this one (the 304s): so does the fast path.
      if (!res.headers.has("content-type")) headers.push(["content-type", "text/plain; charset=UTF-8"]);
      entry.sent[variant] = headers;
    };
  }

  /**
   * Answers a cache hit straight from node's request handler, before the app: an anonymous GET without a
   * body whose entry is current, in a form the app has answered once (its headers recorded). Everything
   * else returns false (at once when the request is not a candidate) and goes to the app as usual.
   */
  serveFast(req: IncomingMessage, res: ServerResponse): false | Promise<boolean> {
    const url = req.url;
    if (
      !this.enabled ||
      req.method !== "GET" ||
      url === undefined ||
      url[0] !== "/" ||
      req.headers["content-length"] !== undefined ||
      req.headers["transfer-encoding"] !== undefined ||
      req.headers.cookie?.includes(SESSION_COOKIE) ||
      ESCAPED_CONTROL.test(url) ||
      CONTROL.test(url)
    ) {
      return false;
    }
    return this.fastAnswer(req, res, url);
  }

  private async fastAnswer(req: IncomingMessage, res: ServerResponse, url: string): Promise<boolean> {
    const partial = req.headers["x-lvzhi-partial"];
    const parsed = new URL(url, "http://localhost");
    const key = keyOfTarget(
      parsed.pathname + parsed.search,
      typeof partial === "string" ? partial : undefined,
    );
    const entry = this.entries.peek(key);
    if (!entry) return false;
    const revision = await this.revision.current();
    // Checked again after the wait: the entry may have been replaced meanwhile.
    if (this.entries.get(key) !== entry || entry.revision !== revision) return false;
    const accept = req.headers["accept-encoding"];
    const encoding = encodingFor(entry, accept);
    // hono's compress() would gzip or deflate an identity answer this large: leave that to the app.
    if (encoding === "identity" && entry.body.length >= COMPRESS_MIN_BYTES && accept) return false;
    const inm = req.headers["if-none-match"];
    const unchanged = notModified(inm, entry.hash);
    const variant: Variant = unchanged ? `304-${encoding}` : encoding;
    const headers = entry.sent[variant];
    if (!headers) return false;
    const body = unchanged
      ? null
      : encoding === "identity"
        ? entry.body
        : await this.compressed(key, entry, encoding);
    this.hits++;
    this.fastHits++;
    res.writeHead(unchanged ? 304 : 200, headers.flat());
    res.end(body);
    return true;
  }

  /** The answer to one request from an entry: 304, or the body in the encoding the client prefers. */
  private async answer(c: Context, key: string, entry: Entry): Promise<Response> {
    const encoding = encodingFor(entry, c.req.header("accept-encoding"));
    const etag = `"${entry.hash}${encoding === "identity" ? "" : `-${encoding}`}"`;
    const headers = new Headers(entry.headers);
    headers.set("cache-control", PUBLIC_CACHE_CONTROL);
    headers.set("etag", etag);
    varyBy(headers, "Accept-Encoding");
    if (notModified(c.req.header("if-none-match"), entry.hash)) {
      for (const name of ["content-type", "content-disposition"]) headers.delete(name);
      c.set("pageAnswer", { entry, variant: `304-${encoding}` });
      return new Response(null, { status: 304, headers });
    }
    c.set("pageAnswer", { entry, variant: encoding });
    const body = encoding === "identity" ? entry.body : await this.compressed(key, entry, encoding);
    if (encoding !== "identity") headers.set("content-encoding", encoding);
    headers.set("content-length", String(body.length));
    // Buffers made here are backed by plain ArrayBuffers (never shared memory).
    return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
  }

  /** An entry's body in an encoding, made on first demand and kept with it. */
  private compressed(key: string, entry: Entry, encoding: "br" | "gzip"): Promise<Buffer> {
    const existing = entry[encoding];
    if (existing) return existing;
    const made =
      encoding === "br"
        ? brotliAsync(entry.body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length,
            },
          })
        : gzipAsync(entry.body, { level: 9 });
    entry[encoding] = made;
    made.then(
      (bytes) => {
        entry.compressedBytes += bytes.length;
        // Put back so the cache counts the new bytes against its bound (setting the same value again
        // would not recount it); only if it is still the entry kept.
        if (this.entries.peek(key) === entry) {
          this.entries.delete(key);
          this.entries.set(key, entry);
        }
      },
      () => {
        entry[encoding] = undefined;
      },
    );
    return made;
  }
}

/** The key of a request (path as sent, query parameters in a fixed order, the partial-page header). */
function keyOf(c: Context): string {
  const url = new URL(c.req.url);
  return keyOfTarget(url.pathname + url.search, c.req.header("x-lvzhi-partial"));
}

/**
 * The key from a request target (`/path?query` as the WHATWG URL parser leaves it, the way the app sees
 * it): the app and the fast path both key by it, so they find the same entries. The path is kept
 * undecoded (two spellings of one path are two entries, each right).
 */
export function keyOfTarget(target: string, partialHeader: string | undefined): string {
  const at = target.indexOf("?");
  let query = "";
  if (at >= 0) {
    const params = new URLSearchParams(target.slice(at + 1));
    params.sort();
    query = params.toString();
  }
  const partial = partialHeader === "1" ? "|partial" : "";
  return `${at >= 0 ? target.slice(0, at) : target}?${query}${partial}`;
}

/** The encoding an entry is sent in for an Accept-Encoding header. */
function encodingFor(entry: Entry, acceptEncoding: string | undefined): Encoding {
  return entry.body.length < COMPRESS_MIN_BYTES ? "identity" : preferredEncoding(acceptEncoding);
}

/** Whether If-None-Match names the entry (any of its encodings' tags, weak or strong, or *). */
function notModified(header: string | undefined, hash: string): boolean {
  if (!header) return false;
  return header.split(",").some((raw) => {
    const tag = raw.trim().replace(/^W\//, "");
    return tag === "*" || tag === `"${hash}"` || tag === `"${hash}-gzip"` || tag === `"${hash}-br"`;
  });
}

/** brotli, else gzip, else none, by the client's Accept-Encoding (q=0 refuses an encoding). */
export function preferredEncoding(header: string | undefined): Encoding {
  if (!header) return "identity";
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const weight = (name: string) => q.get(name) ?? q.get("*") ?? 0;
  const br = weight("br");
  const gz = weight("gzip");
  if (br > 0 && br >= gz) return "br";
  if (gz > 0) return "gzip";
  return "identity";
}
