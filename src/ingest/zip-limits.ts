/**
 * Opening Office containers (zip) without trusting them: recognises the container kind from the bytes,
 * refuses encrypted/legacy files, and inflates entries under a per-entry and a total cap so that a zip
 * bomb fails with a clear error instead of exhausting memory.
 */
import JSZip from "jszip";
import { DocumentError } from "../domain/problem.ts";

export interface ZipLimits {
  /** Largest inflated size of one XML part (document.xml, a sheet, sharedStrings …), in bytes. */
  maxXmlBytes: number;
  /** Largest inflated size of any other entry (pictures, embedded files), in bytes. */
  maxEntryBytes: number;
  /** Largest inflated size of all entries read from one container, in bytes. */
  maxTotalBytes: number;
  /** Most entries a container may list. */
  maxEntries: number;
}

/**
 * What real documents need, with margin, and no more: the Cele lists (254 items, the largest real input)
 * exported as .docx inflate to a 449 KB document.xml (483 KB in all), as .xlsx to a 131 KB sharedStrings.xml
 * (218 KB in all); Word's own saving adds run properties and revision ids, a few times that. 8 MB per XML
 * part is ~18× the Cele document, and parses in about a second; a 60 MB part took 15 s and 1.2 GB.
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxXmlBytes: 8 * 1024 * 1024,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 5000,
};

/** XML parts (and their relationship files) are parsed into memory whole, so they get the tighter cap. */
function isXmlPart(name: string): boolean {
  return /\.(xml|rels|vml)$/i.test(name);
}

/**
 * What a file is, judged from its content:
 * docx/xlsx (Office Open XML), csv-zip (a zip of .csv lists as lvzhi exports them), zip (any other zip),
 * cfb (an OLE compound file: a password-protected .docx/.xlsx or a legacy .doc/.xls), none (not a container).
 */
export type Container = "docx" | "xlsx" | "csv-zip" | "zip" | "cfb" | "none";

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06], // empty zip
];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** True when the bytes start like a zip file. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURES.some((s) => startsWith(bytes, s));
}

/** True when the bytes are an OLE compound file (encrypted OOXML or legacy .doc/.xls). */
export function looksLikeCfb(bytes: Uint8Array): boolean {
  return startsWith(bytes, CFB_SIGNATURE);
}

/** An encrypted OOXML file is a compound file holding a stream named "EncryptedPackage" (UTF-16LE). */
function isEncryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from("EncryptedPackage", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name);
}

/** The error for an OLE compound file, naming what was expected. */
export function cfbError(bytes: Uint8Array, file: string, expected: string): DocumentError {
  return new DocumentError(
    file,
    undefined,
    isEncryptedPackage(bytes)
      ? `文件受密码保护（已加密），无法读取；请在 Word/WPS 中取消密码后另存为 ${expected} 再导入`
      : `这是旧版 Office 文件（.doc/.xls 格式），请在 Word/WPS 中另存为 ${expected} 再导入`,
  );
}

/** A zip opened for reading, whose entries are inflated under limits. */
export class LimitedZip {
  private inflated = 0;

  private constructor(
    private readonly zip: JSZip,
    readonly file: string,
    private readonly limits: ZipLimits,
  ) {}

  /**
   * Reads the zip's directory (nothing is inflated yet). Throws DocumentError for a truncated or corrupt
   * container, an OLE file, or declared sizes past the limits.
   */
  static async open(
    bytes: Uint8Array,
    file: string,
    expected: string,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ): Promise<LimitedZip> {
    if (looksLikeCfb(bytes)) throw cfbError(bytes, file, expected);
    if (!looksLikeZip(bytes)) {
      throw new DocumentError(
        file,
        undefined,
        `不是 ${expected} 文件（${expected} 是 zip 容器，文件开头不符）`,
      );
    }
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
    } catch (error) {
      throw new DocumentError(
        file,
        undefined,
        `${expected} 文件已损坏或不完整，无法解压（${error instanceof Error ? error.message : String(error)}）`,
      );
    }
    const opened = new LimitedZip(zip, file, limits);
    opened.checkDeclaredSizes();
    return opened;
  }

  /** Entry names (files only). */
  names(): string[] {
    return Object.values(this.zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
  }

  has(name: string): boolean {
    const entry = this.zip.file(name);
    return entry !== null && !entry.dir;
  }

  /** Sizes the zip's directory declares; checked before anything is inflated. */
  private checkDeclaredSizes(): void {
    const entries = Object.values(this.zip.files).filter((f) => !f.dir);
    if (entries.length > this.limits.maxEntries) {
      throw new DocumentError(this.file, undefined, `压缩包内文件过多（${entries.length} 个），疑似异常文件`);
    }
    let total = 0;
    for (const entry of entries) {
      // JSZip keeps the central directory's declared size here; it is not part of the typed API.
      const declared =
        (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
      if (declared > this.capOf(entry.name)) throw this.tooLarge(entry.name, declared);
      total += declared;
    }
    if (total > this.limits.maxTotalBytes) throw this.tooLarge(undefined, total);
  }

  private capOf(name: string): number {
    return isXmlPart(name)
      ? Math.min(this.limits.maxXmlBytes, this.limits.maxEntryBytes)
      : this.limits.maxEntryBytes;
  }

  private tooLarge(name: string | undefined, bytes: number): DocumentError {
    const mb = (n: number) =>
      n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.ceil(n / 1024)} KB`;
    const what = name
      ? `其中 ${name} 解压后超过 ${mb(this.capOf(name))}`
      : `解压后总大小超过 ${mb(this.limits.maxTotalBytes)}`;
    return new DocumentError(this.file, undefined, `${what}（至少 ${mb(bytes)}），疑似压缩炸弹，已拒绝`);
  }

  /**
   * Inflates one entry, stopping as soon as it passes the per-entry cap or the container's total cap
   * (declared sizes can lie, so the bytes are counted as they come).
   */
  async read(name: string): Promise<Buffer> {
    return (await this.inflate(name, true))!;
  }

  /** Inflates one entry as UTF-8 text (BOM removed). */
  async text(name: string): Promise<string> {
    return (await this.read(name)).toString("utf8").replace(/^\uFEFF/, "");
  }

  /**
   * Inflates every entry under the caps and discards the bytes: run before handing the container to a
   * library that inflates everything itself without limits.
   */
  async checkAll(): Promise<void> {
    for (const name of this.names()) await this.inflate(name, false);
  }

  private inflate(name: string, keep: boolean): Promise<Buffer | undefined> {
    const entry = this.zip.file(name);
    if (!entry || entry.dir) throw new DocumentError(this.file, undefined, `压缩包内缺少 ${name}`);
    const stream = entry.nodeStream("nodebuffer");
    const chunks: Buffer[] = [];
    const cap = this.capOf(name);
    let size = 0;
    return new Promise((resolve, reject) => {
      const fail = (error: DocumentError) => {
        stream.removeAllListeners("data");
        stream.pause();
        reject(error);
      };
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        this.inflated += chunk.length;
        if (size > cap) fail(this.tooLarge(name, size));
        else if (this.inflated > this.limits.maxTotalBytes) fail(this.tooLarge(undefined, this.inflated));
        else if (keep) chunks.push(chunk);
      });
      stream.on("error", (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        fail(new DocumentError(this.file, undefined, `${name} 解压失败，文件已损坏（${reason}）`));
      });
      stream.on("end", () => resolve(keep ? Buffer.concat(chunks, size) : undefined));
    });
  }
}

/** Recognises the container from the content (never from the file name). */
export async function detectContainer(bytes: Uint8Array): Promise<Container> {
  if (looksLikeCfb(bytes)) return "cfb";
  if (!looksLikeZip(bytes)) return "none";
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch {
    return "zip";
  }
  if (zip.file("word/document.xml")) return "docx";
  if (zip.file("xl/workbook.xml")) return "xlsx";
  const names = Object.keys(zip.files);
  if (names.some((n) => n.toLowerCase().endsWith(".csv"))) return "csv-zip";
  return "zip";
}
