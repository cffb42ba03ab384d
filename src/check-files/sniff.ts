/**
 * What an uploaded file is, judged from its bytes (the name only breaks a tie a format leaves open, e.g.
 * CSV or plain text): Word, Excel, PDF, a legacy Office/WPS compound file, RTF, text, or something else.
 */
import { detectContainer, looksLikeCfb } from "../ingest/zip-limits.ts";

export type UploadKind =
  | "docx"
  | "xlsx"
  | "pdf"
  /** An OLE compound file holding a Word or WPS text document (.doc/.wps): converted with LibreOffice. */
  | "legacy-text"
  /**
   * An OLE compound file holding an Excel or WPS sheet (.xls/.et), or an .xls/.et that an older system
   * saved as an HTML table or as Excel 2003 XML (both common in government exports): converted with
   * LibreOffice.
   */
  | "legacy-sheet"
  /** A password-protected Office file (an OLE file holding an EncryptedPackage). */
  | "encrypted"
  | "rtf"
  | "csv"
  | "text"
  /** An image, archive or other binary nobody can check. */
  | "other";

/** What the upload pages accept, as users know them. */
export const ACCEPTED_TYPES = ".txt、.docx、.pdf、.doc、.wps、.xlsx、.csv";
/** The `accept` attribute of the upload inputs (a hint for the browser's file picker only). */
export const ACCEPT_ATTRIBUTE = ".txt,.docx,.pdf,.doc,.wps,.rtf,.xlsx,.xls,.et,.csv,text/plain";

const utf16 = (s: string) => Buffer.from(s, "utf16le");
const STREAMS = {
  word: utf16("WordDocument"),
  wps: utf16("WpsCustomData"),
  excel: [utf16("Workbook"), utf16("Book")],
  encrypted: utf16("EncryptedPackage"),
};

function startsWith(bytes: Uint8Array, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The kind of an OLE compound file, from the stream names in its directory. */
function compoundKind(bytes: Uint8Array, file: string): UploadKind {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.includes(STREAMS.encrypted)) return "encrypted";
  if (buffer.includes(STREAMS.word)) return "legacy-text";
  if (STREAMS.excel.some((s) => buffer.includes(s))) return "legacy-sheet";
  // WPS's own formats name their streams differently across versions: the name decides.
  if (buffer.includes(STREAMS.wps) || /\.(wps|doc)$/i.test(file)) return "legacy-text";
  if (/\.(et|xls)$/i.test(file)) return "legacy-sheet";
  return "other";
}

/** True when the first bytes hold NUL bytes: no text file does. */
function isBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

const UTF16_BOM = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);

/**
 * True for a text that is a spreadsheet in markup: an HTML page with a table, or Excel 2003 XML
 * (SpreadsheetML). Their markers are ASCII, whatever the encoding (UTF-8, GBK) of the cells.
 */
function isMarkupSheet(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024))
    .toString("latin1")
    .replace(/^\xef\xbb\xbf/, "")
    .trimStart();
  if (!head.startsWith("<")) return false;
  return /<table[\s>]/i.test(head) || head.includes("urn:schemas-microsoft-com:office:spreadsheet");
}

/** Recognises an upload from its content; `file` (its name) only separates CSV from plain text. */
export async function sniffUpload(bytes: Uint8Array, file: string): Promise<UploadKind> {
  if (startsWith(bytes, "%PDF-")) return "pdf";
  if (startsWith(bytes, "{\\rtf")) return "rtf";
  if (looksLikeCfb(bytes)) return compoundKind(bytes, file);
  const container = await detectContainer(bytes);
  if (container === "docx" || container === "xlsx") return container;
  if (container !== "none") return "other";
  if (isBinary(bytes) && !UTF16_BOM(bytes)) return "other";
  // A text named as an Excel sheet: a sheet when it is one in markup (LibreOffice reads it), else text.
  if (/\.(xls|et)$/i.test(file) && isMarkupSheet(bytes)) return "legacy-sheet";
  return /\.csv$/i.test(file) ? "csv" : "text";
}
