/** @jsxImportSource hono/jsx */
/**
 * A saved task sheet check shown again: its result page (GET /t/:township/check/result?check=<id>, a task
 * sheet's rows as saved, with 待人工确认 and 选此项 for users who may decide) and the annotated workbook made
 * from the file kept with it, GET /t/:township/check/result/workbook?check=<id> (the rows as saved) or with
 * `now=1` (the rows checked again with the county's precedents now: the decision page's download, with the
 * decision applied). Access is the saved check's (check-result.tsx resultData), decided where it is loaded.
 */

import type { Context } from "hono";
import { z } from "zod";
import { annotate } from "../../check-files/task-annotation.ts";
import type { Verdict } from "../../domain/verdict.ts";
import { hasSavedCheckFile, savedCheckFile } from "../../store/saved-checks.ts";
import type { StoredEdition } from "../../store/types.ts";
import { sqlStore } from "../auth/context.ts";
import type { CheckRecord, SheetOrigin } from "../check-cards.ts";
import type { DecidedMark } from "../check-decided.ts";
import type { WebContext } from "../context.ts";
import {
  annotatedTaskSheet,
  attachment,
  checkRows,
  type RowsCheck,
  readSheet,
  type SheetFile,
  stem,
  XLSX_TYPE,
} from "../file-checks.ts";
import { parseQuery } from "../input.ts";
import { notFound, page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { SheetPage } from "../views/sheet-page.tsx";
import { decisionAccess, precedentsFor } from "./check-decision.tsx";
import { savedHref } from "./saved-checks.tsx";

/** The annotated workbook of saved check `id`: its rows as saved, or (`now`) checked again. */
export function workbookHref(townshipRef: string, id: string, now = false): string {
  return `/t/${encodeURIComponent(townshipRef)}/check/result/workbook?check=${id}${now ? "&now=1" : ""}`;
}

/** The address of the download of a saved check, when its file was kept; else null. */
export async function workbookOf(
  web: WebContext,
  townshipRef: string,
  id: string,
  now = false,
): Promise<string | null> {
  const store = sqlStore(web);
  return store && (await hasSavedCheckFile(store.db, id)) ? workbookHref(townshipRef, id, now) : null;
}

/**
 * A saved sheet check's rows as saved: a card per row with a task, in order (sheetRecord), annotated
 * against the edition shown.
 */
export function rowsAsSaved(edition: StoredEdition, record: CheckRecord & { sheet: SheetOrigin }): RowsCheck {
  const counts: Record<Verdict, number> = { basic: 0, cooperative: 0, reclaimed: 0, unlisted: 0 };
  let next = 0;
  let review = 0;
  const rows = record.sheet.rows.map((r) => {
    const card = r.task ? record.cards[next++] : undefined;
    if (!card) return { ...r, result: null, annotation: null };
    counts[card.verdict]++;
    if (card.needs_review) review++;
    return { ...r, result: card, annotation: annotate(edition.draft, card) };
  });
  return { rows, counts, review, ms: 0 };
}

/** What the sheet's views are given: the loaded edition, the saved check (access decided) and its record. */
export interface SavedSheet {
  townshipRef: string;
  edition: StoredEdition;
  saved: { id: string };
  record: CheckRecord;
  decided: Map<string, DecidedMark>;
}

function sheetOf(d: SavedSheet): CheckRecord & { sheet: SheetOrigin } {
  const sheet = d.record.sheet;
  if (!sheet) throw notFound("这份核验记录不是任务表核验，没有带核验结论的 Excel。");
  return { ...d.record, sheet };
}

/** The result page of a saved task sheet check: its rows as saved, the download from the kept file. */
export async function savedSheetPage(c: Context, web: WebContext, d: SavedSheet): Promise<Response> {
  const record = sheetOf(d);
  const origin = record.sheet;
  const checked = {
    ...rowsAsSaved(d.edition, record),
    sheet: origin.sheet,
    column: origin.column,
    carry: null,
  };
  return page(
    c,
    <SheetPage
      townshipRef={d.townshipRef}
      township={d.edition.township}
      county={d.edition.county}
      date={d.edition.date}
      file={record.file}
      choose={null}
      checked={checked}
      decide={decisionAccess(c, d.edition)}
      saved={{ id: d.saved.id, href: savedHref(d.saved.id) }}
      download={await workbookOf(web, d.townshipRef, d.saved.id)}
      decided={d.decided}
      viewer={viewerOf(c)}
    />,
  );
}

const WorkbookQuery = z.object({ now: z.literal("1").optional() });

/** The annotated workbook from the file kept with a saved sheet check; not-found when none was kept. */
export async function savedWorkbook(c: Context, web: WebContext, d: SavedSheet): Promise<Response> {
  const record = sheetOf(d);
  const { now } = parseQuery(c, WorkbookQuery);
  const store = sqlStore(web);
  const kept = store ? await savedCheckFile(store.db, d.saved.id) : undefined;
  if (!kept) throw notFound("这份核验记录没有保存任务表文件：请重新上传任务表下载带核验结论的 Excel。");
  const file: SheetFile = {
    name: kept.name,
    bytes: kept.bytes,
    format: kept.contentType === XLSX_TYPE ? "xlsx" : "csv",
  };
  const sheet = await readSheet(file, record.sheet.column.index);
  const rows = now
    ? await checkRows(d.edition, record.sheet.rows, await precedentsFor(web, d.edition))
    : rowsAsSaved(d.edition, record);
  const bytes = await annotatedTaskSheet(file, { sheet, ...rows });
  return attachment(`${stem(kept.name)}-核验结果.xlsx`, XLSX_TYPE, bytes);
}
