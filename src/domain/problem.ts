/** Warnings and errors found while reading a document: each names where (file, line or row) and what. */

export type Severity = "warning" | "error";

export interface Problem {
  severity: Severity;
  /** Stable machine code, e.g. "total-mismatch", "step-number-repeated". */
  code: string;
  /** Human message in Chinese or English, naming what was expected. */
  message: string;
  /** 1-based line (text) or row (xlsx/docx table row), when known. */
  line?: number;
  /** The item concerned, when known. */
  list?: string;
  number?: number;
}

/** A document that cannot be read: the import stops and stores nothing. */
export class DocumentError extends Error {
  /**
   * The parser error behind a refusal that no rule foresaw (ingest/index.ts wraps them): the user still
   * gets a DocumentError, and the fuzzer counts it as a bug to fix.
   */
  readonly unexpected: unknown;

  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
    options: { unexpected?: unknown } = {},
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
    this.name = "DocumentError";
    this.unexpected = options.unexpected;
  }
}
