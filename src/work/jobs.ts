/**
 * The heavy jobs the web hands to worker threads: reading an uploaded notice (.txt/.docx) into text, and
 * checking a text against an edition. Pure functions of their input, so they run the same inline and in a
 * worker (./worker.mjs). Results are plain data: a refusal crosses the thread boundary as a value, because
 * a thrown DocumentError would arrive as a bare Error.
 */

import { LRUCache } from "lru-cache";
import type { FileJob, FileJobResult } from "../check-files/jobs.ts";
import type { EditionDraft } from "../domain/edition.ts";
import type { Precedent } from "../domain/precedent.ts";
import { DocumentError } from "../domain/problem.ts";
import type { RefusalCode } from "../domain/refusal.ts";
import type { CheckResult } from "../domain/verdict.ts";
import { checkText, checkWithPrecedents, indexFor, type TextCheck } from "../match/index.ts";
import { readNoticeText } from "../match/notice-file.ts";

/** The edition a check runs against: its cache key, and the draft when the worker may not have it yet. */
export interface EditionRef {
  /** Changes whenever the edition's items change (id and import time). */
  key: string;
  draft?: EditionDraft;
}

/** Reading an uploaded notice (texts past `maxChars` are refused), or checking a text. */
export type Job =
  | { kind: "read-notice"; bytes: Uint8Array; file: string; maxChars: number }
  | { kind: "check"; edition: EditionRef; text: string; precedents: readonly Precedent[] }
  /** Each text checked as one task (the rows of a task sheet, the indicators of a 考核 table). */
  | { kind: "check-tasks"; edition: EditionRef; texts: readonly string[]; precedents: readonly Precedent[] }
  | FileJob;

/** A refusal as data (rebuilt as a Refusal on the other side). */
export interface RefusalData {
  code: RefusalCode;
  message: string;
  details?: Record<string, unknown>;
}

export type JobResult =
  | { ok: true; text: string }
  | { ok: true; check: TextCheck }
  | { ok: true; results: CheckResult[] }
  | FileJobResult
  | { ok: false; needsEdition: true }
  | { ok: false; refusal: RefusalData };

/** Drafts this thread has seen, so the main thread need not copy an edition into every job. */
const drafts = new LRUCache<string, EditionDraft>({ max: 16 });

/** Runs one job; an unreadable document or a text too long is a `refusal` result, anything else is thrown. */
export async function runJob(job: Job): Promise<JobResult> {
  if (job.kind === "check" || job.kind === "check-tasks") {
    const draft = job.edition.draft ?? drafts.get(job.edition.key);
    if (!draft) return { ok: false, needsEdition: true };
    drafts.set(job.edition.key, draft);
    const index = indexFor(job.edition.key, draft);
    if (job.kind === "check-tasks")
      return { ok: true, results: job.texts.map((text) => checkWithPrecedents(index, text, job.precedents)) };
    return { ok: true, check: checkText(index, job.text, job.precedents) };
  }
  // Loaded on first use: exceljs and the Word readers would slow every worker's start (and a notice's read).
  if (job.kind !== "read-notice") return (await import("../check-files/jobs.ts")).runFileJob(job);
  let text: string;
  try {
    text = await readNoticeText(job.bytes, job.file);
  } catch (error) {
    // The message names the file and the place.
    if (error instanceof DocumentError)
      return { ok: false, refusal: { code: "invalid", message: error.message } };
    throw error;
  }
  if (text.length > job.maxChars) {
    const message = `${job.file}：通知有 ${text.length} 字，超过核验上限 ${job.maxChars} 字，请只提交通知正文。`;
    return { ok: false, refusal: { code: "too-large", message, details: { limit: job.maxChars } } };
  }
  return { ok: true, text };
}

export default runJob;
