/**
 * CSV downloads: RFC 4180 quoting, UTF-8 with a BOM so Excel and WPS detect the encoding, and cells
 * that a spreadsheet would evaluate as a formula (=, +, -, @, tab, CR) prefixed with an apostrophe.
 */

import { attachmentDisposition, fileSystemSafe } from "./disposition.ts";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised against formula injection and quoted when needed. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV text with BOM and CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A download response; the file name may be Chinese (RFC 5987 encoding, with an ASCII fallback). */
export function csvResponse(name: string, body: string): Response {
  // A Headers object, not a plain one: @hono/node-server builds a HEAD answer from the init's headers,
  // and only a Headers object carries what the middleware added to the answer (Vary, CSP).
  return new Response(body, {
    headers: new Headers({
      "content-type": "text/csv; charset=utf-8",
      // The name may carry a user's search words.
      "content-disposition": attachmentDisposition(fileSystemSafe(name)),
    }),
  });
}
