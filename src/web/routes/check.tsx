/** @jsxImportSource hono/jsx */
/**
 * The task check on the web: GET /t/:township/check (the 任务核验 page), POST to the same path (a pasted
 * text or an uploaded .txt/.docx notice; view=print gives the print view), GET /check (picks the
 * township), and the JSON API POST /api/v1/check with {"township","text"}.
 */
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { DocumentError } from "../../domain/problem.ts";
import { checkText, editionIndex } from "../../match/index.ts";
import { readNoticeText } from "../../match/notice-file.ts";
import type { StoredEdition } from "../../store/types.ts";
import { canReadEdition } from "../../workflow/access.ts";
import type { RouteModule } from "../app.ts";
import { principalOf } from "../auth/context.ts";
import type { WebContext } from "../context.ts";
import { loadEdition, page } from "../respond.tsx";
import { CheckPage, CheckPrint, type CheckView } from "../views/check-page.tsx";
import { decisionAccess, decisionRoutes, precedentsFor } from "./check-decision.tsx";

/** Largest request accepted by the check (a long notice as .docx is well under this). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const limit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new HTTPException(413, {
      message: `提交的内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请只提交通知正文。`,
    });
  },
});

const ApiRequest = z.object({
  township: z.string().trim().min(1).max(100).optional(),
  text: z.string({ error: "text 应为字符串：任务或通知全文" }),
});

/** The check of a text against an edition, the county's precedents first. */
async function check(web: WebContext, edition: StoredEdition, text: string) {
  return checkText(editionIndex(edition), text, await precedentsFor(web, edition));
}

/** The one township the visitor may read when there is exactly one; 400 otherwise (drafts' names stay hidden). */
async function onlyTownship(c: Context, web: WebContext): Promise<string> {
  const who = principalOf(c);
  const [all, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  const readable = new Set(editions.filter((e) => canReadEdition(who, e)).map((e) => e.townshipId));
  const townships = all.filter((t) => readable.has(t.id));
  if (townships.length === 1) return townships[0]!.name;
  if (townships.length === 0) throw new HTTPException(404, { message: "还没有导入任何乡镇的履职事项清单。" });
  throw new HTTPException(400, {
    message: `有 ${townships.length} 个乡镇，请指明 township：${townships.map((t) => t.name).join("、")}`,
  });
}

/** Text and file name from the page's form (multipart or urlencoded). */
async function formInput(c: Context): Promise<{ text: string; file: string | null; print: boolean }> {
  const body = await c.req.parseBody();
  const print = body.view === "print";
  const upload = body.file;
  if (upload instanceof File && upload.size > 0) {
    try {
      const text = await readNoticeText(new Uint8Array(await upload.arrayBuffer()), upload.name || "通知");
      return { text, file: upload.name || null, print };
    } catch (error) {
      if (error instanceof DocumentError) throw new HTTPException(400, { message: error.message });
      throw error;
    }
  }
  return { text: typeof body.text === "string" ? body.text : "", file: null, print };
}

async function viewOf(
  web: WebContext,
  townshipRef: string,
  edition: StoredEdition,
  text: string,
  file: string | null,
  checked: boolean,
): Promise<CheckView> {
  const result = checked ? await check(web, edition, text) : null;
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
  app.get("/check", async (c) => c.redirect(`/t/${encodeURIComponent(await onlyTownship(c, web))}/check`));

  app.get("/t/:township/check", async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    const view = await viewOf(web, township, edition, "", null, false);
    return page(c, <CheckPage {...view} />);
  });

  app.post("/t/:township/check", limit, async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    const { text, file, print } = await formInput(c);
    const view = await viewOf(web, township, edition, text, file, true);
    if (print) return page(c, <CheckPrint {...view} />);
    return page(c, <CheckPage {...view} decide={decisionAccess(c, edition)} />);
  });

  app.post("/api/v1/check", limit, async (c) => {
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
    const township = parsed.data.township ?? (await onlyTownship(c, web));
    const { edition } = await loadEdition(c, web, township, null);
    const result = await check(web, edition, parsed.data.text);
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
    async (c, township, edition, text, note) => {
      const view = await viewOf(web, township, edition, text, null, true);
      return page(c, <CheckPage {...view} notice={note} decide={decisionAccess(c, edition)} />);
    },
  );
};
