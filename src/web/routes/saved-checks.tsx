/** @jsxImportSource hono/jsx */
/**
 * Saved checks (核验记录): GET /checks/:id (the permalink), /checks/:id/print (print view),
 * /checks/:id/export.docx (核验单), /checks/:id/export.csv, the JSON twin /api/v1/checks/:id, and the
 * signed-in user's history GET /checks (JSON /api/v1/checks). Access: see workflow/saved-checks.ts.
 * `keepCheck` is how the check page saves a result.
 */

import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import { writeCheckSheet } from "../../export/check-docx.ts";
import {
  SAVED_CHECK_ID,
  type SavedCheck,
  type SavedCheckFile,
  saveCheck,
  savedCheck,
  savedChecksOf,
} from "../../store/saved-checks.ts";
import type { StoredEdition } from "../../store/types.ts";
import { requireReadSavedCheck } from "../../workflow/saved-checks.ts";
import type { RouteModule } from "../app.ts";
import { assetHref } from "../assets.ts";
import { principalOf, sqlStore } from "../auth/context.ts";
import { type CheckRecord, savedCheckBody, savedCheckRecord } from "../check-cards.ts";
import { type CheckSheetHeader, checkDate, checkSheet, SHEET_COLUMNS, sheetRows } from "../check-sheet.ts";
import type { WebContext } from "../context.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { attachmentDisposition } from "../disposition.ts";
import { parseParams } from "../input.ts";
import { notFound, page } from "../respond.tsx";
import { type Viewer, viewerOf } from "../viewer.ts";
import { CheckResults, SavedLinks, type SavedRef } from "../views/check-page.tsx";
import { CheckPrint } from "../views/check-print.tsx";
import { Layout } from "../views/layout.tsx";
import { when } from "../views/workflow-ui.tsx";

/** The permalink of a saved check. */
export const savedHref = (id: string) => `/checks/${id}`;

/**
 * Saves a check: always for a signed-in user, for an anonymous visitor only when asked; with `file`, the
 * file it was made from (a task sheet's workbook, within the upload limit) is kept with it.
 */
export async function keepCheck(
  c: Context,
  web: WebContext,
  edition: StoredEdition,
  record: CheckRecord,
  asked: boolean,
  at: string,
  file?: SavedCheckFile,
): Promise<SavedRef | null> {
  const store = sqlStore(web);
  const who = principalOf(c);
  if (!store || (!who && !asked) || record.cards.length === 0) return null;
  const id = await saveCheck(
    store.db,
    {
      authorId: who?.id ?? null,
      authorName: who?.name ?? null,
      townshipId: edition.townshipId,
      editionId: edition.id,
      township: edition.township,
      county: edition.county,
      editionDate: edition.date,
      taskCount: record.cards.length,
      summary: record.cards[0]!.text.slice(0, 80),
      body: savedCheckBody(record),
      createdAt: at,
    },
    file,
  );
  return { id, href: savedHref(id) };
}

const IdParam = z.object({
  id: z.string().regex(SAVED_CHECK_ID, { message: "核验单号应为 32 位十六进制数" }),
});

function headerOf(saved: SavedCheck): CheckSheetHeader {
  const record = savedCheckRecord(saved.body);
  return { record, checkedAt: saved.createdAt, checker: saved.authorName, savedId: saved.id };
}

function fileName(h: CheckSheetHeader, ext: string): string {
  return `任务核验单-${h.record.township}-${checkDate(h.checkedAt)}.${ext}`;
}

function SavedPage(props: { h: CheckSheetHeader; viewer: Viewer }) {
  const { h } = props;
  const r = h.record;
  const ref = { id: h.savedId!, href: savedHref(h.savedId!) };
  return (
    <Layout
      title={`任务核验单 · ${r.township}`}
      crumbs={[
        // 核验记录 (/checks) is a signed-in user's history; an anonymous visitor came from the check page.
        ...(props.viewer.user
          ? [{ href: "/checks", label: "核验记录" }]
          : [
              { href: `/t/${encodeURIComponent(r.townshipRef)}`, label: r.township },
              { href: `/t/${encodeURIComponent(r.townshipRef)}/check`, label: "任务核验" },
            ]),
        { href: ref.href, label: `${r.township} ${checkDate(h.checkedAt)}` },
      ]}
      jsonHref={`/api/v1/checks/${ref.id}`}
      viewer={props.viewer}
    >
      <link rel="stylesheet" href={assetHref("check.css")} />
      <h1>任务核验单</h1>
      <p class="meta">
        {r.county}
        {r.township} · 依据 {r.edition.date} 版清单 · 核验日期 {checkDate(h.checkedAt)} · 核验人{" "}
        {h.checker ?? "（未登录）"}
      </p>
      <SavedLinks saved={ref} />
      <p>
        <a href={`/t/${encodeURIComponent(r.townshipRef)}/check`}>再核验一项</a>
      </p>
      <CheckResults record={r} checked={true} plain={true} />
    </Layout>
  );
}

function HistoryPage(props: { rows: Omit<SavedCheck, "body">[]; viewer: Viewer }) {
  return (
    <Layout
      title="核验记录"
      crumbs={[{ href: "/checks", label: "核验记录" }]}
      jsonHref="/api/v1/checks"
      viewer={props.viewer}
    >
      <h1>核验记录</h1>
      <p>
        <a href="/check">新的任务核验</a>
      </p>
      {props.rows.length === 0 ? (
        <p class="empty">还没有核验记录。</p>
      ) : (
        <table class="grid cards-narrow">
          <thead>
            <tr>
              <th scope="col">核验时间</th>
              <th scope="col">乡镇</th>
              <th scope="col">任务</th>
              <th scope="col">任务数</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td data-label="核验时间">{when(r.createdAt)}</td>
                <td data-label="乡镇">
                  {r.township}（{r.editionDate} 版）
                </td>
                <td data-label="任务">
                  <a href={savedHref(r.id)}>{r.summary}</a>
                </td>
                <td class="num" data-label="任务数">
                  {r.taskCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export const savedCheckRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;

  /** The saved check of the path, after the access rule; 404 when there is none. */
  const load = async (c: Context): Promise<CheckSheetHeader> => {
    const { id } = parseParams(c, IdParam);
    const saved = await savedCheck(store.db, id);
    if (!saved) throw notFound("没有这个核验单。");
    requireReadSavedCheck(principalOf(c), saved);
    return headerOf(saved);
  };
  const history = async (c: Context) => {
    const who = principalOf(c);
    if (!who) throw new Refusal("unauthenticated", "请登录后查看核验记录。");
    return savedChecksOf(store.db, who.id);
  };

  app.get("/checks", async (c) => page(c, <HistoryPage rows={await history(c)} viewer={viewerOf(c)} />));
  app.get("/api/v1/checks", async (c) =>
    c.json({ checks: (await history(c)).map((r) => ({ ...r, url: savedHref(r.id) })) }),
  );
  app.get("/checks/:id", async (c) => page(c, <SavedPage h={await load(c)} viewer={viewerOf(c)} />));
  app.get("/checks/:id/print", async (c) => page(c, <CheckPrint {...(await load(c))} />));
  app.get("/api/v1/checks/:id", async (c) => {
    const h = await load(c);
    return c.json({ id: h.savedId, checkedAt: h.checkedAt, checker: h.checker, ...h.record });
  });
  app.get("/checks/:id/export.csv", async (c) => {
    const h = await load(c);
    return csvResponse(fileName(h, "csv"), toCsv(SHEET_COLUMNS, sheetRows(h.record.cards)));
  });
  app.get("/checks/:id/export.docx", async (c) => {
    const h = await load(c);
    const bytes = await writeCheckSheet(checkSheet(h));
    return c.body(new Uint8Array(bytes), 200, {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "content-disposition": attachmentDisposition(fileName(h, "docx")),
    });
  });
};
