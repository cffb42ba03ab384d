/**
 * The file jobs of the check pages, run in the worker pool (src/work) because they parse untrusted
 * workbooks and documents: reading a task sheet, reading an indicator table, and writing the annotated
 * workbook. A DocumentError comes back as an `invalid` refusal naming the file and the place.
 */
import { DocumentError } from "../domain/problem.ts";
import { type IndicatorTable, readIndicatorTable } from "../indicators/read.ts";
import type { GridFormat } from "../ingest/grid.ts";
import { readTaskSheet, type TaskSheet } from "../ingest/task-sheet.ts";
import { type AddedColumns, annotateWorkbook, gridWorkbook } from "./annotate-workbook.ts";

export type FileJob =
  | { kind: "read-task-sheet"; bytes: Uint8Array; file: string; format: "xlsx" | "csv"; chosen?: number }
  | { kind: "read-indicators"; bytes: Uint8Array; file: string; format: GridFormat }
  | {
      kind: "annotate-workbook";
      /** The .xlsx source, or null to write `grid` as a new workbook. */
      bytes: Uint8Array | null;
      file: string;
      grid: TaskSheetGrid | null;
      added: AddedColumns;
    };

/** The rows of a source that has no workbook of its own (CSV, Word table). */
export interface TaskSheetGrid {
  name: string;
  rows: { cells: string[]; line: number }[];
}

export type FileValue = TaskSheet | IndicatorTable | Uint8Array;

export type FileJobResult =
  | { ok: true; value: FileValue }
  | { ok: false; refusal: { code: "invalid"; message: string; details?: Record<string, unknown> } };

export const FILE_JOB_KINDS: ReadonlySet<string> = new Set([
  "read-task-sheet",
  "read-indicators",
  "annotate-workbook",
]);

async function run(job: FileJob): Promise<FileValue> {
  switch (job.kind) {
    case "read-task-sheet":
      return readTaskSheet(job.bytes, job.file, job.format, job.chosen);
    case "read-indicators":
      return readIndicatorTable(job.bytes, job.file, job.format);
    case "annotate-workbook":
      if (job.bytes) return annotateWorkbook(job.bytes, job.file, job.added);
      if (!job.grid) throw new Error("annotate-workbook needs bytes or a grid");
      return gridWorkbook(job.grid, job.added);
  }
}

/** Runs one file job; an unreadable file is a refusal result, anything else is thrown (a bug). */
export async function runFileJob(job: FileJob): Promise<FileJobResult> {
  try {
    return { ok: true, value: await run(job) };
  } catch (error) {
    if (error instanceof DocumentError)
      return { ok: false, refusal: { code: "invalid", message: error.message } };
    throw error;
  }
}
