/** @jsxImportSource hono/jsx */
/**
 * The task check on the web: GET /t/:township/check (the 任务核验 page), POST to the same path (a pasted
 * text or an uploaded notice — .txt/.docx/.pdf/.doc/.wps — or a spreadsheet of tasks, answered by check-sheet.tsx; view=print gives the print view), GET /check (picks the
 * township), and the JSON API POST /api/v1/check with {"township","text"}. A check that is saved (always for
 * a signed-in user) is answered 303 to its result (check-result.tsx) or, for view=print, its print view;
 * one that is not saved is answered with the page itself (reloading it stores nothing).
 */

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { readUpload } from "../../check-files/read-upload.ts";
import type { Precedent } from "../../domain/precedent.ts";
import { Refusal } from "../../domain/refusal.ts";
import type { TextCheck } from "../../match/index.ts";
import type { StoredEdition } from "../../store/types.ts";
import { canReadEdition } from "../../workflow/access.ts";
import type { RouteModule } from "../app.ts";
import { principalOf, sqlStore } from "../auth/context.ts";
import { recordOf } from "../check-cards.ts";
import {
  chargeMore,
  checkAgainst,
  checkLimit,
  MAX_CHECK_CHARS,
  MAX_FORM_BYTES,
  MAX_JSON_BYTES,
  sizeLimit,
  UPLOAD_COST,
} from "../check-work.ts";
import type { WebContext } from "../context.ts";
import type { SheetFile } from "../file-checks.ts";
import { jsonBody } from "../request-body.ts";
import { loadEdition, page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { CheckPage, type CheckView } from "../views/check-page.tsx";
import { CheckPrint } from "../views/check-print.tsx";
import { decisionAccess, decisionRoutes, precedentsFor } from "./check-decision.tsx";
import { rememberTownship } from "./check-entry.tsx";
import { checkResultRoutes, resultHref } from "./check-result.tsx";
import { sheetAfterDecision, sheetAnswer } from "./check-sheet.tsx";
import { keepCheck } from "./saved-checks.tsx";

const ApiRequest = z.object({
  township: z.string().trim().min(1).max(100).optional(),
  text: z.string({ error: "text 应为字符串：任务或通知全文" }),
});

/** The one township the visitor may read when there is exactly one; 400 otherwise (drafts' names stay hidden). */
async function onlyTownship(c: Context, web: WebContext): Promise<string> {
  const who = principalOf(c);
  const [all, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  const readable = new Set(editions.filter((e) => canReadEdition(who, e)).map((e) => e.townshipId));
  const townships = all.filter((t) => readable.has(t.id));
  if (townships.length === 1) return townships[0]!.name;
  if (townships.length === 0) throw new HTTPException(404, { message: "还没有导入任何乡镇的履职事项清单。" });
  throw new HTTPException(400, {
    message: `有 ${townships.length} 个乡镇，请在请求的 "township" 字段指明乡镇：${townships.map((t) => t.name).join("、")}（网页上请从 /check 选择）`,
  });
}

/**
 * The form (multipart or urlencoded), checked: an uploaded notice (.txt/.docx/.pdf/.doc/.wps) is read off the
 * event loop (src/check-files) and checked; a spreadsheet of tasks is handed back as read (an .xls already
 * converted, so that it is not converted again) to be checked row by row.
 */
async function formCheck(
  c: Context,
  web: WebContext,
  edition: StoredEdition,
  precedents: readonly Precedent[],
): Promise<{ text: string; file: string | null; print: boolean; check: TextCheck } | { sheet: SheetFile }> {
  const body = await c.req.parseBody();
  const print = body.view === "print";
  const upload = body.file;
  // A browser sends an unnamed empty part when no file was chosen; a named empty one is an empty file.
  if (upload instanceof File && upload.size === 0 && upload.name)
    throw new Refusal("invalid", `${upload.name}：文件是空的（0 字节），请选择通知文件或粘贴通知全文。`);
  if (upload instanceof File && upload.size > 0) {
    chargeMore(c, web, UPLOAD_COST - 1);
    const file = upload.name || "通知";
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const read = await readUpload(bytes, file, MAX_CHECK_CHARS);
    if (read.kind === "sheet") return { sheet: { name: file, bytes: read.bytes, format: read.format } };
    const text = read.text;
    return { text, file: upload.name || null, print, check: await checkAgainst(edition, text, precedents) };
  }
  const text = typeof body.text === "string" ? body.text : "";
  return { text, file: null, print, check: await checkAgainst(edition, text, precedents) };
}

/** The page's view of a check (or of the empty form when `result` is null). */
function viewOf(
  c: Context,
  web: WebContext,
  townshipRef: string,
  edition: StoredEdition,
  text: string,
  file: string | null,
  result: TextCheck | null,
): CheckView {
  const who = principalOf(c);
  return {
    record: recordOf(edition, townshipRef, {
      text,
      file,
      tasks: result?.tasks ?? [],
      notice: result?.notice ?? null,
    }),
    checked: result !== null,
    role: who?.role ?? null,
    offerSave: !who && sqlStore(web) !== null,
  };
}

export const checkRoutes: RouteModule = (app, web) => {
  // An upload costs more than a pasted text: one check before reading, the rest once a file is found
  // (the page's form is multipart whether or not a file was chosen).
  const formLimit = checkLimit(web, 1);

  app.get("/t/:township/check", async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    rememberTownship(c, township);
    return page(c, <CheckPage {...viewOf(c, web, township, edition, "", null, null)} viewer={viewerOf(c)} />);
  });

  app.post("/t/:township/check", formLimit, sizeLimit(MAX_FORM_BYTES), async (c) => {
    const township = c.req.param("township");
    const { edition, precedentRevision } = await loadEdition(c, web, township, null);
    let checked: Awaited<ReturnType<typeof formCheck>>;
    try {
      checked = await formCheck(c, web, edition, await precedentsFor(web, edition, precedentRevision));
      if ("sheet" in checked) {
        return await sheetAnswer(c, web, township, edition, checked.sheet, { view: "page" });
      }
    } catch (error) {
      // A file that cannot be read (a notice, or a sheet without tasks), an empty one, no text: the form
      // again, as typed, with the reason.
      if (!(error instanceof Refusal) || error.code !== "invalid") throw error;
      const typed = (await c.req.parseBody()).text;
      const view = viewOf(c, web, township, edition, typeof typed === "string" ? typed : "", null, null);
      return page(c, <CheckPage {...view} note={error.message} noteIsError viewer={viewerOf(c)} />, 400);
    }
    const { text, file, print, check } = checked;
    // An anonymous visitor's check is saved only when asked (the form's 保存 box; the body is parsed once).
    const save = (await c.req.parseBody()).save === "1";
    rememberTownship(c, township);
    const view = viewOf(c, web, township, edition, text, file, check);
    const at = new Date().toISOString();
    const saved = await keepCheck(c, web, edition, view.record, save, at);
    // Post/Redirect/Get: a check that was saved is shown at its own address, so that Back and reload
    // show it again rather than send the form again (and save a second one). Unsaved, it is answered here.
    if (saved) return c.redirect(print ? `${saved.href}/print` : resultHref(township, saved.id), 303);
    if (print) {
      const checker = principalOf(c)?.name ?? null;
      return page(c, <CheckPrint record={view.record} checkedAt={at} checker={checker} savedId={null} />);
    }
    return page(c, <CheckPage {...view} decide={decisionAccess(c, edition)} viewer={viewerOf(c)} />);
  });

  checkResultRoutes(app, web);

  app.post("/api/v1/check", checkLimit(web, 1), sizeLimit(MAX_JSON_BYTES), async (c) => {
    let raw: unknown;
    try {
      raw = await jsonBody(c);
    } catch {
      throw new HTTPException(400, { message: '请求体应为 JSON：{"township":"…","text":"…"}' });
    }
    const parsed = ApiRequest.safeParse(raw);
    if (!parsed.success) {
      throw new HTTPException(400, {
        message: parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("；"),
      });
    }
    const township = parsed.data.township ?? (await onlyTownship(c, web));
    const { edition, precedentRevision } = await loadEdition(c, web, township, null);
    const precedents = await precedentsFor(web, edition, precedentRevision);
    const result = await checkAgainst(edition, parsed.data.text, precedents);
    return c.json({
      township: edition.township,
      county: edition.county,
      edition: { id: edition.id, date: edition.date },
      ...result,
    });
  });

  decisionRoutes(
    app,
    web,
    async (c, township) => (await loadEdition(c, web, township, null)).edition,
    async (c, township, edition, text, note, refused, from, decided) => {
      const check = await checkAgainst(edition, text, await precedentsFor(web, edition));
      const view = viewOf(c, web, township, edition, text, null, check);
      return page(
        c,
        <CheckPage
          {...view}
          note={note}
          noteIsError={refused}
          decisionFrom={from}
          decisionOn={from ? resultHref(township, from) : null}
          decidedTask={decided}
          decide={decisionAccess(c, edition)}
          viewer={viewerOf(c)}
        />,
      );
    },
    (c, township, edition, saved, decision) => sheetAfterDecision(c, web, township, edition, saved, decision),
  );
};
