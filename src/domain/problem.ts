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
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${message}`);
    this.name = "DocumentError";
  }
}
