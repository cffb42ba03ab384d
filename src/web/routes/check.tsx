/** @jsxImportSource hono/jsx */
/**
 * The task check on the web: GET /t/:township/check (the 任务核验 page), POST to the same path (a pasted
 * text or an uploaded .txt/.docx notice; view=print gives the print view), GET /check (picks the
 * township), and the JSON API POST /api/v1/check with {"township","text"}.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { checkText, editionIndex, type TextCheck } from "../../match/index.ts";
import type { StoredEdition } from "../../store/types.ts";
import type { EditionRef } from "../../work/jobs.ts";
import { workPool } from "../../work/pool.ts";
import type { RouteModule } from "../app.ts";
import type { WebContext } from "../context.ts";
import { anonymousLimit, TokenBuckets } from "../rate-limit.ts";
import { loadEdition, page } from "../respond.tsx";
import { CheckPage, CheckPrint, type CheckView } from "../views/check-page.tsx";

/** Longest text checked: a long notice is ~20 000 characters; more is not a notice, and costs seconds. */
export const MAX_CHECK_CHARS = 30_000;
/** Texts longer than this are checked in the worker pool, shorter ones inline (a few ms). */
const INLINE_CHECK_CHARS = 500;

/** Largest JSON check request (text only; UTF-8 Chinese is 3 bytes a character). */
const MAX_JSON_BYTES = 256 * 1024;
/** Largest form: an uploaded notice (.docx with pictures) or pasted text, percent-encoded up to 9 bytes a character. */
const MAX_FORM_BYTES = 8 * 1024 * 1024;

const kb = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Refuses a body past `maxSize` before reading it: the declared Content-Length is checked first, and a
 * chunked body is counted as it arrives.
 */
function sizeLimit(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      // The unread rest of the body makes the connection unusable: tell the client not to reuse it.
      c.header("Connection", "close");
      throw new Refusal("too-large", `提交的内容超过 ${kb(maxSize)}，请只提交通知正文。`, { limit: maxSize });
    },
  });
}

/** Anonymous checks per address: a burst of 30, then one every two seconds; an upload counts as 3. */
const CHECK_BURST = 30;
const CHECK_PER_SECOND = 0.5;
const UPLOAD_COST = 3;

const ApiRequest = z.object({
  township: z.string().trim().min(1).max(100).optional(),
  text: z.string({ error: "text 应为字符串：任务或通知全文" }),
});

function editionRef(edition: StoredEdition): EditionRef {
  return { key: `edition:${edition.id}@${edition.importedAt}`, draft: edition.draft };
}

function tooLong(text: string): Refusal {
  return new Refusal(
    "too-large",
    `文本有 ${text.length} 字，超过核验上限 ${MAX_CHECK_CHARS} 字：请只提交通知正文。`,
    { limit: MAX_CHECK_CHARS },
  );
}

/** Checks a pasted text: short ones here (cheaper than a thread hop), long ones in the worker pool. */
async function checkPasted(edition: StoredEdition, text: string): Promise<TextCheck> {
  if (text.length > MAX_CHECK_CHARS) throw tooLong(text);
  if (text.length <= INLINE_CHECK_CHARS) return checkText(editionIndex(edition), text);
  return workPool().check(editionRef(edition), text);
}

/** The one township when the store holds exactly one; 400 otherwise. */
async function onlyTownship(web: WebContext): Promise<string> {
  const townships = await web.store.listTownships();
  if (townships.length === 1) return townships[0]!.name;
  if (townships.length === 0) throw new HTTPException(404, { message: "还没有导入任何乡镇的履职事项清单。" });
  throw new HTTPException(400, {
    message: `有 ${townships.length} 个乡镇，请指明 township：${townships.map((t) => t.name).join("、")}`,
  });
}

/** The form (multipart or urlencoded), checked: an uploaded .txt/.docx notice is read and checked in the pool. */
async function formCheck(
  c: Context,
  edition: StoredEdition,
): Promise<{ text: string; file: string | null; print: boolean; check: TextCheck }> {
  const body = await c.req.parseBody();
  const print = body.view === "print";
  const upload = body.file;
  if (upload instanceof File && upload.size > 0) {
    const file = upload.name || "通知";
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const text = await workPool().readNotice(bytes, file, MAX_CHECK_CHARS);
    return { text, file: upload.name || null, print, check: await checkPasted(edition, text) };
  }
  const text = typeof body.text === "string" ? body.text : "";
  return { text, file: null, print, check: await checkPasted(edition, text) };
}

function viewOf(
  townshipRef: string,
  edition: StoredEdition,
  text: string,
  file: string | null,
  result: TextCheck | null,
): CheckView {
  return {
    townshipRef,
    township: edition.township,
    county: edition.county,
    date: edition.date,
    text,
    file,
    tasks: result ? result.tasks : null,
    notice: result?.notice ?? null,
  };
}

export const checkRoutes: RouteModule = (app, web) => {
  const buckets = new TokenBuckets(CHECK_BURST, CHECK_PER_SECOND);
  // An upload costs more than a pasted text; the cost is known from the declared type before any reading.
  const formLimit: MiddlewareHandler = (c, next) =>
    anonymousLimit(buckets, /multipart/i.test(c.req.header("content-type") ?? "") ? UPLOAD_COST : 1)(c, next);

  app.get("/check", async (c) => c.redirect(`/t/${encodeURIComponent(await onlyTownship(web))}/check`));

  app.get("/t/:township/check", async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(web, township, null);
    return page(c, <CheckPage {...viewOf(township, edition, "", null, null)} />);
  });

  app.post("/t/:township/check", formLimit, sizeLimit(MAX_FORM_BYTES), async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(web, township, null);
    const { text, file, print, check } = await formCheck(c, edition);
    const view = viewOf(township, edition, text, file, check);
    return page(c, print ? <CheckPrint {...view} /> : <CheckPage {...view} />);
  });

  app.post("/api/v1/check", anonymousLimit(buckets, 1), sizeLimit(MAX_JSON_BYTES), async (c) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: '请求体应为 JSON：{"township":"…","text":"…"}' });
    }
    const parsed = ApiRequest.safeParse(raw);
    if (!parsed.success) {
      throw new HTTPException(400, {
        message: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("；"),
      });
    }
    const township = parsed.data.township ?? (await onlyTownship(web));
    const { edition } = await loadEdition(web, township, null);
    const result = await checkPasted(edition, parsed.data.text);
    return c.json({
      township: edition.township,
      county: edition.county,
      edition: { id: edition.id, date: edition.date },
      ...result,
    });
  });
};
