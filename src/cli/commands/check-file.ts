/**
 * `lvzhi check --file FILE`: a notice (.txt .docx .pdf .doc .wps) is checked as a whole text; a spreadsheet of
 * tasks (.xlsx .csv, or .xls converted) is checked row by row — the task column found by its header or named
 * with --column C — and, with --out, written back as the same workbook with the check's columns added.
 */
import { writeFile } from "node:fs/promises";
import { annotateWorkbook, gridWorkbook } from "../../check-files/annotate-workbook.ts";
import { readUpload } from "../../check-files/read-upload.ts";
import { ANNOTATION_HEADERS, annotate, annotationCells } from "../../check-files/task-annotation.ts";
import type { EditionDraft } from "../../domain/edition.ts";
import type { Precedent } from "../../domain/precedent.ts";
import { DocumentError } from "../../domain/problem.ts";
import { Refusal } from "../../domain/refusal.ts";
import { columnLetter } from "../../ingest/grid.ts";
import { readTaskSheet, taskOf } from "../../ingest/task-sheet.ts";
import { checkWithPrecedents, type ItemIndex } from "../../match/index.ts";
import { readNoticeText } from "../../match/notice-file.ts";
import type { CommandIO } from "../command.ts";
import { UsageError } from "../command.ts";

/** The longest notice the command reads (as on the web). */
const MAX_NOTICE_CHARS = 200_000;

export type CheckFileResult = { kind: "text"; text: string } | { kind: "done"; code: number };

function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,2}$/.test(letters)) throw new UsageError(`--column 应为列字母，如 C（得到 ${letters}）`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * Reads `file`: the text of a notice for the caller to check, or — for a task sheet — checks every row,
 * prints the results (`format` prints one result) and writes `out` when asked.
 */
export async function checkFile(
  bytes: Uint8Array,
  file: string,
  options: { column?: string; out?: string; json: boolean },
  edition: { index: ItemIndex; draft: EditionDraft; precedents: readonly Precedent[] },
  format: (result: ReturnType<typeof checkWithPrecedents>) => string,
  io: CommandIO,
): Promise<CheckFileResult> {
  let read: Awaited<ReturnType<typeof readUpload>>;
  try {
    read = await readUpload(bytes, file, MAX_NOTICE_CHARS, async (b, f) => readNoticeText(b, f));
  } catch (error) {
    if (error instanceof Refusal || error instanceof DocumentError) {
      io.err(`${error.message}\n`);
      return { kind: "done", code: 1 };
    }
    throw error;
  }
  if (read.kind === "text") {
    if (options.column || options.out) throw new UsageError("--column 与 --out 只用于任务表（.xlsx / .csv）");
    return { kind: "text", text: read.text };
  }
  let sheet: Awaited<ReturnType<typeof readTaskSheet>>;
  try {
    sheet = await readTaskSheet(
      read.bytes,
      file,
      read.format,
      options.column ? columnIndex(options.column) : undefined,
    );
  } catch (error) {
    if (!(error instanceof DocumentError)) throw error;
    io.err(`${error.message}\n`);
    return { kind: "done", code: 1 };
  }
  if (sheet.taskColumn === null) {
    const offered = sheet.candidates.map((c) => `${c.letter}（${c.header}）`).join("、");
    io.err(`${file}: 无法从表头确定任务所在的列，请用 --column 指定：${offered}\n`);
    return { kind: "done", code: 2 };
  }
  const rows = sheet.rows
    .map((row) => ({ line: row.line, task: taskOf(sheet, row) }))
    .filter((r) => r.task)
    .map((r) => ({ ...r, result: checkWithPrecedents(edition.index, r.task, edition.precedents) }));
  if (options.json)
    io.out(
      `${JSON.stringify({ sheet: sheet.sheet, column: columnLetter(sheet.taskColumn), rows }, null, 2)}\n`,
    );
  else for (const r of rows) io.out(`\n[第 ${r.line} 行] ${r.task}\n${format(r.result)}`);
  if (options.out) {
    const added = {
      sheet: sheet.sheet,
      headerRow: sheet.headerRow,
      headers: ANNOTATION_HEADERS,
      widths: [16, 30, 24, 48, 40, 14],
      rows: new Map(rows.map((r) => [r.line, { cells: annotationCells(annotate(edition.draft, r.result)) }])),
    };
    const header: string[] = [];
    for (const c of sheet.columns) header[c.index] = c.header;
    const written =
      read.format === "xlsx"
        ? await annotateWorkbook(read.bytes, file, added)
        : await gridWorkbook(
            {
              name: sheet.sheet,
              rows: [{ line: sheet.headerRow, cells: Array.from(header, (h) => h ?? "") }, ...sheet.rows],
            },
            added,
          );
    await writeFile(options.out, written);
    io.err(`已写出 ${options.out}：${rows.length} 行加上核验结论等 ${ANNOTATION_HEADERS.length} 列\n`);
  }
  return { kind: "done", code: 0 };
}
