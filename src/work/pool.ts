/**
 * A bounded pool of worker threads (piscina) for the jobs of ./jobs.ts, so that parsing an uploaded file
 * or checking a long text never blocks the event loop that answers every other request.
 *
 *   const pool = workPool();                                   // one per process, started on first use
 *   const text = await pool.readNotice(bytes, "通知.docx", 30_000); // Refusal when it cannot be done
 *   const check = await pool.check({ key, draft }, text);
 *
 * Bounds: each job runs at most `readMs`/`checkMs` (its worker is terminated past that), each worker has a heap cap
 * (`heapMb`), and at most `maxQueue` jobs wait; past these the job is refused with a Refusal
 * (unavailable 503 / too-large 413) instead of slowing everyone down.
 */

import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { FileJob, FileValue } from "../check-files/jobs.ts";
import type { Precedent } from "../domain/precedent.ts";
import { Refusal } from "../domain/refusal.ts";
import type { CheckResult } from "../domain/verdict.ts";
import type { TextCheck } from "../match/index.ts";
import type { EditionRef, Job, JobResult } from "./jobs.ts";

export interface PoolLimits {
  /** Worker threads (default: cores − 1, at least 1, so one core stays with the event loop). */
  threads: number;
  /** Jobs that may wait for a free worker; more are refused. */
  maxQueue: number;
  /** Longest reading an uploaded file may take, waiting included, in milliseconds. */
  readMs: number;
  /** Longest a check may take, waiting included (a fresh worker first builds the edition's index, ~1 s). */
  checkMs: number;
  /** Longest reading or writing of an uploaded workbook or table may take, waiting included, in milliseconds. */
  fileMs: number;
  /** Old-generation heap of each worker, in MB. */
  heapMb: number;
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Limits from the environment (LVZHI_WORKERS, LVZHI_WORK_QUEUE, LVZHI_READ_MS, LVZHI_CHECK_MS, LVZHI_FILE_MS, LVZHI_WORKER_HEAP_MB). */
export function defaultLimits(): PoolLimits {
  return {
    threads: envNumber("LVZHI_WORKERS", Math.max(1, availableParallelism() - 1)),
    maxQueue: envNumber("LVZHI_WORK_QUEUE", 16),
    // A hostile upload is answered within 5 s: the limit leaves room for the upload and the page itself.
    readMs: envNumber("LVZHI_READ_MS", 4000),
    checkMs: envNumber("LVZHI_CHECK_MS", 10_000),
    // A workbook of a few hundred rows parses in well under a second; the margin is for a worker's start.
    fileMs: envNumber("LVZHI_FILE_MS", 10_000),
    heapMb: envNumber("LVZHI_WORKER_HEAP_MB", 384),
  };
}

/** Seconds a client is asked to wait before retrying a refused job. */
const RETRY_AFTER_SECONDS = 5;

export class WorkPool {
  private readonly piscina: Piscina<Job, JobResult>;

  /** `warm`: start every worker now and keep them (a server); otherwise on demand, ending when idle. */
  constructor(
    readonly limits: PoolLimits = defaultLimits(),
    warm = false,
  ) {
    this.piscina = new Piscina({
      filename: new URL("./worker.mjs", import.meta.url).href,
      minThreads: warm ? limits.threads : 0,
      maxThreads: limits.threads,
      maxQueue: limits.maxQueue,
      // Idle workers end after a minute: a quiet server gives their memory back.
      idleTimeout: 60_000,
      // The worker registers tsx itself; inheriting the parent's --import would register it twice.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 32 },
    });
  }

  /**
   * The text of an uploaded notice (.txt/.docx). Throws Refusal: invalid (unreadable, naming the file and
   * place), too-large (past `maxChars`, or past the memory limit), unavailable (queue full, past the time limit).
   */
  async readNotice(bytes: Uint8Array, file: string, maxChars: number): Promise<string> {
    const result = await this.submit({ kind: "read-notice", bytes, file, maxChars }, this.limits.readMs);
    if (result.ok && "text" in result) return result.text;
    throw this.unexpected(result);
  }

  /**
   * Checks a text against an edition; the edition's draft is copied to a worker only when it does not hold
   * it yet. Throws Refusal: unavailable (queue full, past the time limit), too-large (past the memory limit).
   */
  async check(edition: EditionRef, text: string, precedents: readonly Precedent[] = []): Promise<TextCheck> {
    const started = performance.now();
    const job = { kind: "check", text, precedents } as const;
    let result = await this.submit({ ...job, edition: { key: edition.key } }, this.limits.checkMs);
    if (!result.ok && "needsEdition" in result) {
      const left = Math.max(1, Math.ceil(this.limits.checkMs - (performance.now() - started)));
      result = await this.submit({ ...job, edition }, left, this.limits.checkMs);
    }
    if (result.ok && "check" in result) return result.check;
    throw this.unexpected(result);
  }

  /**
   * Checks each text as one task (rows of a task sheet, 考核 indicators), in one job. Throws Refusal like
   * check().
   */
  async checkTasks(
    edition: EditionRef,
    texts: readonly string[],
    precedents: readonly Precedent[] = [],
  ): Promise<CheckResult[]> {
    const started = performance.now();
    const job = { kind: "check-tasks", texts, precedents } as const;
    let result = await this.submit({ ...job, edition: { key: edition.key } }, this.limits.checkMs);
    if (!result.ok && "needsEdition" in result) {
      const left = Math.max(1, Math.ceil(this.limits.checkMs - (performance.now() - started)));
      result = await this.submit({ ...job, edition }, left, this.limits.checkMs);
    }
    if (result.ok && "results" in result) return result.results;
    throw this.unexpected(result);
  }

  /**
   * Reads or writes an uploaded workbook or table (src/check-files/jobs.ts) within the reading time limit.
   * Throws Refusal: invalid (unreadable, naming the file and place), too-large, unavailable.
   */
  async file(job: FileJob): Promise<FileValue> {
    const result = await this.submit(job, this.limits.fileMs);
    if (result.ok && "value" in result) return result.value;
    throw this.unexpected(result);
  }

  private unexpected(result: JobResult): Error {
    if (!result.ok && "refusal" in result) {
      return new Refusal(result.refusal.code, result.refusal.message, result.refusal.details);
    }
    return new Error(`unexpected answer from a worker: ${JSON.stringify(result).slice(0, 200)}`);
  }

  /** Runs a job within `ms` (`limitMs`: the limit to name when refusing, if the job is a retry). */
  private async submit(job: Job, ms: number, limitMs = ms): Promise<JobResult> {
    if (this.piscina.queueSize >= this.limits.maxQueue) throw this.busy();
    try {
      return await this.piscina.run(job, { signal: AbortSignal.timeout(ms) });
    } catch (error) {
      throw this.refusalOf(error, limitMs) ?? error;
    }
  }

  private busy(): Refusal {
    return new Refusal("unavailable", "服务器正忙：等待处理的文件过多，请稍后重试。", {
      retryAfter: RETRY_AFTER_SECONDS,
    });
  }

  /** The Refusal for a limit the job ran into; undefined for anything else (a bug: let it be a 500). */
  private refusalOf(error: unknown, limitMs: number): Refusal | undefined {
    if (!(error instanceof Error)) return undefined;
    if (error.name === "AbortError") {
      return new Refusal(
        "unavailable",
        `处理超过 ${limitMs / 1000} 秒，已停止：文件或文本过大、过于复杂，或服务器正忙。请只提交通知正文或较小的任务表，或稍后重试。`,
        { retryAfter: RETRY_AFTER_SECONDS, limitMs },
      );
    }
    if (error.message === "Task queue is at limit") return this.busy();
    if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") {
      return new Refusal(
        "too-large",
        `文件解析所需内存超过上限（${this.limits.heapMb} MB），已拒绝：请只提交通知正文或较小的任务表。`,
        { limitMb: this.limits.heapMb },
      );
    }
    return undefined;
  }

  /** Jobs waiting for a worker now. */
  get queued(): number {
    return this.piscina.queueSize;
  }

  /** Stops every worker (running jobs fail). */
  close(): Promise<void> {
    return this.piscina.destroy();
  }
}

let shared: WorkPool | undefined;

/** The process's pool, created on first use. */
export function workPool(): WorkPool {
  shared ??= new WorkPool();
  return shared;
}

/** Starts the process's pool with its workers ready (a server calls this at start, so no visitor waits for them). */
export function startWorkPool(limits: PoolLimits = defaultLimits()): WorkPool {
  shared ??= new WorkPool(limits, true);
  return shared;
}

/** Closes the process's pool, if one was started (for servers shutting down and tests). */
export async function closeWorkPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
