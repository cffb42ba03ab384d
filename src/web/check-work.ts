/**
 * What every task check on the web shares: the text limit, body limits checked before reading, the
 * per-address buckets of one app, and where a check runs — short texts inline (a few milliseconds), long
 * ones in the worker pool (src/work) so the event loop keeps answering everyone else.
 */

import type { Context, MiddlewareHandler } from "hono";
import type { Precedent } from "../domain/precedent.ts";
import { Refusal } from "../domain/refusal.ts";
import { checkText, editionIndex, type TextCheck } from "../match/index.ts";
import type { StoredEdition } from "../store/types.ts";
import type { EditionRef } from "../work/jobs.ts";
import { workPool } from "../work/pool.ts";
import { bodyWithin } from "./body-limit.ts";
import { CheckResults } from "./check-results.ts";
import type { WebContext } from "./context.ts";
import { anonymousLimit, chargeAnonymous, TokenBuckets } from "./rate-limit.ts";

/** Longest text checked: a long notice is ~20 000 characters; more is not a notice, and costs seconds. */
export const MAX_CHECK_CHARS = 30_000;
/** Texts longer than this are checked in the worker pool (a 500-character check takes ~30 ms inline). */
const INLINE_CHECK_CHARS = 500;

/** Largest JSON check request (text only; UTF-8 Chinese is 3 bytes a character). */
export const MAX_JSON_BYTES = 256 * 1024;
/** Largest form: an uploaded notice (.docx with pictures) or pasted text, percent-encoded up to 9 bytes a character. */
export const MAX_FORM_BYTES = 8 * 1024 * 1024;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Refuses a body past `maxSize` before reading it: the declared Content-Length is checked first, and a
 * chunked body is counted as it arrives.
 */
export function sizeLimit(maxSize: number): MiddlewareHandler {
  return bodyWithin(maxSize, (c) => {
    // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
    c.header("Connection", "close");
    throw new Refusal("too-large", `提交的内容超过 ${size(maxSize)}，请只提交通知正文。`, {
      limit: maxSize,
    });
  });
}

/** Anonymous checks per address: a burst of 30, then one every two seconds. */
const CHECK_BURST = 30;
const CHECK_PER_SECOND = 0.5;
/** What an upload costs (reading a file), and a county check per township, counted in checks. */
export const UPLOAD_COST = 3;

const buckets = new WeakMap<WebContext, TokenBuckets>();

/** The app's buckets of anonymous checks (one set per app, shared by all its check routes). */
function bucketsOf(web: WebContext): TokenBuckets {
  let mine = buckets.get(web);
  if (!mine) {
    mine = new TokenBuckets(CHECK_BURST, CHECK_PER_SECOND);
    buckets.set(web, mine);
  }
  return mine;
}

/** Rate-limits an anonymous check; one set of buckets per app, shared by all its check routes. */
export function checkLimit(
  web: WebContext,
  cost: number | ((c: Parameters<MiddlewareHandler>[0]) => number),
) {
  const own = bucketsOf(web);
  const handler: MiddlewareHandler = (c, next) =>
    anonymousLimit(own, typeof cost === "number" ? cost : cost(c))(c, next);
  return handler;
}

/**
 * Charges an anonymous visitor `cost` more checks once the body shows what the request carries (the
 * check page's form is multipart whether or not a file was chosen); 429 when the bucket is short.
 */
export function chargeMore(c: Context, web: WebContext, cost: number): void {
  chargeAnonymous(bucketsOf(web), c, cost);
}

export function editionRef(edition: StoredEdition): EditionRef {
  return { key: `edition:${edition.id}@${edition.importedAt}`, draft: edition.draft };
}

/** Refuses a text past MAX_CHECK_CHARS (413). */
export function checkLength(text: string): void {
  if (text.length > MAX_CHECK_CHARS) {
    throw new Refusal(
      "too-large",
      `文本有 ${text.length} 字，超过核验上限 ${MAX_CHECK_CHARS} 字：请只提交通知正文。`,
      { limit: MAX_CHECK_CHARS },
    );
  }
}

/**
 * Checks a text against an edition, the county's precedents first: short texts here (cheaper than a thread
 * hop), long ones in the pool.
 */
export async function checkAgainst(
  edition: StoredEdition,
  text: string,
  precedents: readonly Precedent[] = [],
): Promise<TextCheck> {
  checkLength(text);
  const ref = editionRef(edition);
  return checkResults.answer(ref.key, text, precedents, () =>
    text.length <= INLINE_CHECK_CHARS
      ? checkText(editionIndex(edition), text, precedents)
      : workPool().check(ref, text, precedents),
  );
}

/** The answers of this process, keyed like the check indexes (editionRef). */
export const checkResults = new CheckResults();
