/** @jsxImportSource hono/jsx */
/**
 * 任务表核验: GET /t/:township/check/sheet (the upload form), POST to the same path (multipart: `file`, or
 * the `carry` fields a result page sends back; `column` when the user chose the task column; `view` =
 * page | xlsx). The answer is the results page, the column chooser, or the annotated workbook itself.
 * A spreadsheet uploaded on the 任务核验 page is answered here too (sheetAnswer).
 *
 * Its JSON twin: POST /api/v1/t/:township/check/sheet (multipart: `file` = .xlsx/.csv/.xls; optional
 * `column` = the task column's 0-based number, as the page's chooser sends it) answers the township, the
 * edition, the task column used, one entry per task row (`row`: its row in the sheet; `text`; then the
 * fields /api/v1/check gives for a task: verdict, item, confidence, needs_review, evidence, alternatives …)
 * and the counts per verdict. When the header does not tell the task column, it answers 400 listing the
 * headers (`details.columns`, `details.candidates`) to send `column` with. Nothing is saved; the rate and
 * size limits are the page's.
 */

import type { Context } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import type { SheetColumn, TaskSheet } from "../../ingest/task-sheet.ts";
import type { SavedCheckFile } from "../../store/saved-checks.ts";
import type { StoredEdition } from "../../store/types.ts";
import type { RouteModule } from "../app.ts";
import type { CheckRecord, SheetOrigin } from "../check-cards.ts";
import { checkLimit, MAX_FORM_BYTES, sizeLimit, UPLOAD_COST } from "../check-work.ts";
import type { WebContext } from "../context.ts";
import {
  annotatedTaskSheet,
  attachment,
  CSV_TYPE,
  carryFields,
  checkRows,
  checkSheet,
  readSheet,
  type SheetCheck,
  type SheetFile,
  sheetFileOf,
  sheetRecord,
  stem,
  type UploadedFile,
  uploadedFile,
  XLSX_TYPE,
} from "../file-checks.ts";
import { choice, parseWith } from "../input.ts";
import { loadEdition, page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { type ChoosableColumn, SheetPage, type SheetPageView } from "../views/sheet-page.tsx";
import { decisionAccess, precedentsFor } from "./check-decision.tsx";
import { resultHref } from "./check-result.tsx";
import { keepCheck } from "./saved-checks.tsx";
import { workbookOf } from "./sheet-result.tsx";

/** The task column as the page's chooser (and the API) send it: its 0-based number; blank → found by its header. */
const ColumnField = z
  .preprocess(
    (v) => (v === "" || v === undefined ? undefined : v),
    z.string().regex(/^\d{1,2}$/, "应为列号：从 0 数起的数字（A 列为 0）"),
  )
  .transform(Number)
  .optional();

const SheetForm = z.object({ view: choice(["page", "xlsx"]).default("page"), column: ColumnField });
const ApiSheetForm = z.object({ column: ColumnField });

function baseView(townshipRef: string, edition: StoredEdition): SheetPageView {
  return {
    townshipRef,
    township: edition.township,
    county: edition.county,
    date: edition.date,
    file: null,
    choose: null,
    checked: null,
  };
}

/** Longest example shown for a column in the chooser (characters). */
const EXAMPLE_CHARS = 40;

/**
 * The columns the user chooses among, each with its first cell below the header as an example, and the
 * likeliest preselected: the one whose cells are longest on average (tasks are sentences; a category, a
 * name or a date is short), so that 核验 pressed at once checks sentences rather than one-word cells.
 */
export function choosableColumns(sheet: TaskSheet): ChoosableColumn[] {
  const cells = (index: number) => sheet.rows.map((r) => (r.cells[index] ?? "").trim()).filter(Boolean);
  const length = (index: number) => {
    const found = cells(index);
    return found.length ? found.reduce((sum, c) => sum + c.length, 0) / found.length : 0;
  };
  const likeliest = sheet.candidates.reduce<SheetColumn | undefined>(
    (best, c) => (!best || length(c.index) > length(best.index) ? c : best),
    undefined,
  );
  return sheet.candidates.map((c) => {
    const example = cells(c.index)[0] ?? "";
    return {
      ...c,
      example: example.length > EXAMPLE_CHARS ? `${example.slice(0, EXAMPLE_CHARS)}…` : example,
      likely: c.index === likeliest?.index,
    };
  });
}

/** The task column of a checked sheet, as the results name it. */
export interface TaskColumn {
  /** 0-based, as `column` is sent. */
  index: number;
  letter: string;
  header: string;
}

/**
 * The task sheet check's data: the upload read as a task sheet and, when its task column is known (found
 * by its header, or `column`), every row checked. `checked` is null when the column must be chosen among
 * `sheet.candidates`. One function for the page, the annotated workbook and the JSON twin.
 */
export type SheetData = { file: SheetFile; sheet: TaskSheet } & (
  | { checked: null; column: null }
  | { checked: SheetCheck; column: TaskColumn }
);

/**
 * Reads and checks an uploaded task sheet (see SheetData); nothing is stored. `upload` is the file as
 * sent, or as already read (a SheetFile: an .xls converted by the check page is not converted again).
 */
export async function sheetData(
  web: WebContext,
  edition: StoredEdition,
  upload: UploadedFile | SheetFile,
  column?: number,
): Promise<SheetData> {
  const file = "format" in upload ? upload : await sheetFileOf(upload);
  const sheet = await readSheet(file, column);
  if (sheet.taskColumn === null) return { file, sheet, checked: null, column: null };
  const checked = await checkSheet(edition, sheet, await precedentsFor(web, edition));
  const found = sheet.columns.find((col) => col.index === sheet.taskColumn);
  const task = { index: sheet.taskColumn, letter: found?.letter ?? "", header: found?.header ?? "" };
  return { file, sheet, checked, column: task };
}

/** Checks an uploaded task sheet and answers with the page, the column chooser, or the annotated workbook. */
export async function sheetAnswer(
  c: Context,
  web: WebContext,
  townshipRef: string,
  edition: StoredEdition,
  upload: UploadedFile | SheetFile,
  form: { view: "page" | "xlsx"; column?: number },
) {
  const data = await sheetData(web, edition, upload, form.column);
  const { file, sheet } = data;
  const view = { ...baseView(townshipRef, edition), file: file.name };
  // Carried back as read (an .xls already converted), so that a download does not convert it again.
  const carry = carryFields({
    name: file.format === "csv" ? file.name : `${stem(file.name)}.xlsx`,
    bytes: file.bytes,
  });
  if (data.checked === null) {
    const columns = choosableColumns(sheet);
    const choose = { columns, sheet: sheet.sheet, headerRow: sheet.headerRow, carry };
    return page(c, <SheetPage {...view} choose={choose} viewer={viewerOf(c)} />);
  }
  const { checked, column } = data;
  if (form.view === "xlsx") {
    const bytes = await annotatedTaskSheet(file, checked);
    return attachment(`${stem(file.name)}-核验结果.xlsx`, XLSX_TYPE, bytes);
  }
  // 选此项 on a row that needs review comes back to these rows: they are saved, with the file (as read, an
  // .xls converted) for the annotated workbook, for one who may pick; then shown at the saved check's
  // result address (Post/Redirect/Get: Back and reload store nothing).
  const decide = decisionAccess(c, edition);
  if (decide && checked.review > 0) {
    const record = sheetRecord(edition, townshipRef, file.name, checked, column);
    const kept = await keepCheck(c, web, edition, record, false, new Date().toISOString(), storedFile(file));
    if (kept) return c.redirect(resultHref(townshipRef, kept.id), 303);
  }
  const results = { ...checked, sheet: checked.sheet.sheet, column, carry };
  return page(c, <SheetPage {...view} checked={results} decide={decide} viewer={viewerOf(c)} />);
}

/** The file kept with a saved sheet check, as it was read (an .xls converted); none above the upload limit. */
function storedFile(file: SheetFile): SavedCheckFile | undefined {
  if (file.bytes.length > MAX_FORM_BYTES) return undefined;
  const xlsx = file.format === "xlsx";
  return {
    name: xlsx ? `${stem(file.name)}.xlsx` : file.name,
    contentType: xlsx ? XLSX_TYPE : CSV_TYPE,
    bytes: file.bytes,
  };
}

/**
 * The answer to a decision (选此项) on a row of a saved sheet check: the sheet's rows checked again, with the
 * precedent just stored, the note at the top and on the decided row (the form posts to #row-N).
 */
export async function sheetAfterDecision(
  c: Context,
  web: WebContext,
  townshipRef: string,
  edition: StoredEdition,
  saved: { id: string; record: CheckRecord & { sheet: SheetOrigin } },
  decision: { note: string; refused: boolean; task: string },
): Promise<Response> {
  const origin = saved.record.sheet;
  const checked = await checkRows(edition, origin.rows, await precedentsFor(web, edition));
  const results = { ...checked, sheet: origin.sheet, column: origin.column, carry: null };
  return page(
    c,
    <SheetPage
      {...baseView(townshipRef, edition)}
      file={saved.record.file}
      checked={results}
      decide={decisionAccess(c, edition)}
      // 查看核验单 leads back to the saved check's result, where the decided row is marked.
      saved={{ id: saved.id, href: resultHref(townshipRef, saved.id) }}
      decision={decision}
      download={await workbookOf(web, townshipRef, saved.id, true)}
      viewer={viewerOf(c)}
    />,
  );
}

/** The API's upload: the multipart `file` field (a page's carried file is not taken). */
async function apiUpload(body: Record<string, unknown>): Promise<UploadedFile> {
  const file = body.file;
  if (!(file instanceof File)) {
    throw new Refusal(
      "invalid",
      "请以 multipart/form-data 在 file 字段上传任务表（.xlsx、.csv 或 .xls，每行一项任务，首行为表头）。",
      { parameter: "file", expected: ".xlsx、.csv、.xls" },
    );
  }
  const name = file.name || "上传文件";
  if (file.size === 0) {
    throw new Refusal("invalid", `${name}：文件是空的（0 字节），应为每行一项任务的任务表。`, {
      parameter: "file",
      file: name,
    });
  }
  return { name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

/** The API's fields, each sent once: a second `file` or `column` is refused rather than one of them taken silently. */
function single(body: Record<string, unknown>): Record<string, unknown> {
  for (const [field, value] of Object.entries(body)) {
    if (Array.isArray(value) && (field === "file" || field === "column")) {
      throw new Refusal(
        "invalid",
        `字段 ${field} 只能发送一次（收到 ${value.length} 个）：每次上传一份任务表，写一个列号。`,
        {
          parameter: field,
        },
      );
    }
  }
  return body;
}

/** Columns as the API's refusals list them: number, letter and header. */
const named = (columns: readonly SheetColumn[]) =>
  columns.map((col) => `${col.index} = ${col.letter} 列（${col.header}）`).join("、");

/**
 * A refused read with `column` sent: when the sheet has no such column, the refusal lists the columns there
 * are (as columnRefusal does), read again without it; any other refusal as it was.
 */
async function unknownColumn(error: unknown, upload: UploadedFile, column: number): Promise<never> {
  if (error instanceof Refusal && error.code === "invalid") {
    const sheet = await readSheet(await sheetFileOf(upload)).catch(() => null);
    if (sheet && !sheet.columns.some((col) => col.index === column)) {
      throw new Refusal("invalid", `${error.message}。表头各列：${named(sheet.columns)}。`, {
        parameter: "column",
        expected: "列号：从 0 数起的数字（A 列为 0）",
        file: upload.name,
        sheet: sheet.sheet,
        headerRow: sheet.headerRow,
        columns: sheet.columns,
      });
    }
  }
  throw error;
}

/** The refusal when the header does not tell the task column: the headers, to send `column` with. */
function columnRefusal(file: string, sheet: TaskSheet): Refusal {
  const offered = sheet.candidates.length ? sheet.candidates : sheet.columns;
  return new Refusal(
    "invalid",
    `${file}：无法从表头（工作表“${sheet.sheet}”第 ${sheet.headerRow} 行）确定哪一列是任务，` +
      `请在 column 字段写明任务所在列的列号（从 0 数起）：${named(offered)}。表头各列：${named(sheet.columns)}。`,
    {
      parameter: "column",
      expected: "列号：从 0 数起的数字（A 列为 0）",
      file,
      sheet: sheet.sheet,
      headerRow: sheet.headerRow,
      columns: sheet.columns,
      candidates: offered,
    },
  );
}

/**
 * The JSON twin of a checked sheet: each task row with its row in the sheet and its result as /api/v1/check
 * gives it; rows with an empty task cell are listed by row (`emptyRows`), unchecked.
 */
function sheetJson(
  edition: StoredEdition,
  file: string,
  sheet: TaskSheet,
  checked: SheetCheck,
  column: TaskColumn,
) {
  return {
    township: edition.township,
    county: edition.county,
    edition: { id: edition.id, date: edition.date },
    file,
    sheet: sheet.sheet,
    headerRow: sheet.headerRow,
    column,
    rows: checked.rows.flatMap((r) => (r.result ? [{ row: r.line, text: r.task, ...r.result }] : [])),
    emptyRows: checked.rows.filter((r) => !r.result).map((r) => r.line),
    counts: checked.counts,
    review: checked.review,
  };
}

export const checkSheetRoutes: RouteModule = (app, web) => {
  app.get("/t/:township/check/sheet", async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    return page(c, <SheetPage {...baseView(township, edition)} viewer={viewerOf(c)} />);
  });

  app.post("/t/:township/check/sheet", checkLimit(web, UPLOAD_COST), sizeLimit(MAX_FORM_BYTES), async (c) => {
    const township = c.req.param("township");
    const { edition } = await loadEdition(c, web, township, null);
    const body = await c.req.parseBody();
    const form = parseWith(SheetForm, { view: body.view, column: body.column });
    try {
      const upload = await uploadedFile(body);
      if (!upload)
        throw new Refusal("invalid", "请选择要上传的任务表（.xlsx、.xls 或 .csv，每行一项任务）。");
      return await sheetAnswer(c, web, township, edition, upload, form);
    } catch (error) {
      // A file refused (damaged, not a sheet, no task rows): the upload form again, with the reason above it.
      if (!(error instanceof Refusal) || error.code !== "invalid") throw error;
      const view = { ...baseView(township, edition), refused: error.message };
      return page(c, <SheetPage {...view} viewer={viewerOf(c)} />, 400);
    }
  });

  // Its address opened with GET (a browser, a first try) is told how to send the sheet; otherwise the
  // item route would answer that there is no list named “check”.
  app.get("/api/v1/t/:township/check/sheet", () => {
    throw new Refusal(
      "not-found",
      "任务表核验接口只接受 POST：以 multipart/form-data 在 file 字段上传任务表（.xlsx、.csv 或 .xls），可选 column（任务所在列的列号，从 0 数起）。",
      { method: "POST", expected: "multipart/form-data" },
    );
  });

  // The JSON twin: the same data function; nothing is saved, whoever asks.
  app.post(
    "/api/v1/t/:township/check/sheet",
    checkLimit(web, UPLOAD_COST),
    sizeLimit(MAX_FORM_BYTES),
    async (c) => {
      const township = c.req.param("township");
      const { edition } = await loadEdition(c, web, township, null);
      const body = single(await c.req.parseBody({ all: true }));
      const { column } = parseWith(ApiSheetForm, { column: body.column });
      const upload = await apiUpload(body);
      const data = await sheetData(web, edition, upload, column).catch((error: unknown) =>
        column === undefined ? Promise.reject(error) : unknownColumn(error, upload, column),
      );
      if (data.checked === null) throw columnRefusal(data.file.name, data.sheet);
      return c.json(sheetJson(edition, data.file.name, data.sheet, data.checked, data.column));
    },
  );
};
