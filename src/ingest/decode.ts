/**
 * Bytes → text for the text format: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030
 * (common in government files). Refuses binary content and files over the size limit.
 */
import { DocumentError } from "../domain/problem.ts";

/** Largest document accepted (bytes). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** Refuses empty and oversized input before any parsing. */
export function checkSize(bytes: Uint8Array, file: string): void {
  if (bytes.length === 0)
    throw new DocumentError(file, undefined, "文件为空（expected a duty-list document）");
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw new DocumentError(
      file,
      undefined,
      `文件过大：${mb} MB，上限为 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
    );
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decodes a text document, choosing the encoding from the BOM or from whether the bytes are valid UTF-8. */
export function decodeText(bytes: Uint8Array, file: string): string {
  checkSize(bytes, file);
  let text: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = new TextDecoder("utf-8").decode(bytes.subarray(3));
  else if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder("gb18030").decode(bytes);
    }
  }
  assertTextual(text, file);
  return text;
}

/** Binary files decode to text full of control characters or replacement marks: refuse them. */
function assertTextual(text: string, file: string): void {
  const sample = text.slice(0, 64 * 1024);
  let bad = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0)
      throw new DocumentError(file, undefined, "文件是二进制内容，不是文本清单（found NUL bytes）");
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd) bad++;
  }
  if (bad > 8 && bad / Math.max(1, sample.length) > 0.01) {
    throw new DocumentError(file, undefined, "文件不是可识别的文本编码（expected UTF-8 or GB18030 text）");
  }
}
