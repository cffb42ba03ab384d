/**
 * Zip-based documents in: recognises a .docx, an .xlsx or a zip of CSV lists from the content (never from
 * the file name) and reads it into a RawDocument; refuses OLE files (encrypted or legacy Office) and zips
 * that hold none of these. Text and JSON documents are not containers: the caller reads them itself.
 */
import { DocumentError } from "../domain/problem.ts";
import { readCsvZip } from "./csv.ts";
import { readDocx } from "./docx.ts";
import type { RawDocument } from "./raw.ts";
import { readXlsx } from "./xlsx.ts";
import { cfbError, detectContainer } from "./zip-limits.ts";

/** The RawDocument of a zip-based document, or undefined when the bytes are not a container at all. */
export async function readOffice(bytes: Uint8Array, file: string): Promise<RawDocument | undefined> {
  switch (await detectContainer(bytes)) {
    case "none":
      return undefined;
    case "cfb":
      throw cfbError(bytes, file, ".docx 或 .xlsx");
    case "docx":
      return readDocx(bytes, file);
    case "xlsx":
      return readXlsx(bytes, file);
    case "csv-zip":
      return readCsvZip(bytes, file);
    case "zip":
      // Either not an Office file, or a zip too damaged to list: readDocx names which.
      return readDocx(bytes, file).catch((error: unknown) => {
        if (error instanceof DocumentError && /不是 Word 文档/.test(error.message)) {
          throw new DocumentError(file, undefined, "压缩包中既没有 Word/Excel 文档内容，也没有清单 CSV 文件");
        }
        throw error;
      });
  }
}
