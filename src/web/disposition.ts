/**
 * Content-Disposition of a download: RFC 6266 attachment with the UTF-8 file name (RFC 5987) and an ASCII
 * fallback for old browsers — one builder for every download (CSV twins, exports, check sheets, files).
 */

/** The header for a download named `name`. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A file name no file system refuses: control characters and \ / : * ? " < > | become _ (it may carry a user's words). */
export function fileSystemSafe(name: string): string {
  return Array.from(name, (ch) => (ch < " " || '\\/:*?"<>|'.includes(ch) ? "_" : ch)).join("");
}
