/**
 * Issue 11 row 3: a notice uploaded as .txt, .docx, .pdf, .doc or .wps is read by its content, whatever its
 * name; spreadsheets are recognised as task sheets; every file that cannot be read is refused naming the
 * file and what was expected; a missing pdftotext or LibreOffice is named with the package to install.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { Document, Packer, Paragraph } from "docx";
import { readUpload } from "../../src/check-files/read-upload.ts";
import { sniffUpload } from "../../src/check-files/sniff.ts";
import { Refusal } from "../../src/domain/refusal.ts";
import { readTaskSheet, taskOf } from "../../src/ingest/task-sheet.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { taskSheetXlsx } from "../data/file-fixtures.ts";
import {
  officeSamples,
  officeSheetSample,
  officeSkip,
  pdfSkip,
  pdfWithoutText,
  SAMPLE_NOTICE,
  withFakeOffice,
} from "./office-samples.ts";

const LIMIT = 30_000;
// Time limits are not under test here: a cold worker on a busy test machine may start slower than a server's warm pool.
process.env.LVZHI_READ_MS ??= "30000";

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Refusal, `a Refusal, not ${String(error)}`);
    return error;
  }
  assert.fail("expected a refusal");
}

/** Runs `work` with PATH emptied, as on a server where the program is not installed. */
async function withoutPath<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH;
  process.env.PATH = "/nonexistent";
  try {
    return await work();
  } finally {
    process.env.PATH = saved;
  }
}

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

describe("uploads read by their content", () => {
  after(() => closeWorkPool());

  it("recognises each kind from the bytes, not from the name", async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph("请开展排查")] }] }),
    );
    assert.equal(await sniffUpload(docx, "通知.pdf"), "docx");
    assert.equal(await sniffUpload(await taskSheetXlsx(["请开展排查"]), "任务.txt"), "xlsx");
    assert.equal(await sniffUpload(Buffer.from("%PDF-1.7\n"), "通知.docx"), "pdf");
    assert.equal(await sniffUpload(Buffer.from("任务\n请开展排查\n"), "任务.csv"), "csv");
    assert.equal(await sniffUpload(Buffer.from("请开展排查"), "通知"), "text");
    assert.equal(await sniffUpload(PNG, "通知.docx"), "other");
    assert.equal(await sniffUpload(Buffer.from("{\\rtf1 abc}"), "a.doc"), "rtf");
  });

  it("a .txt and a .docx notice give their text; an .xlsx is a task sheet", async () => {
    const txt = await readUpload(Buffer.from(SAMPLE_NOTICE), "通知.txt", LIMIT);
    assert.equal(txt.kind, "text");
    assert.match(txt.kind === "text" ? txt.text : "", /自建房安全隐患排查/);
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: SAMPLE_NOTICE.split("\n").map((l) => new Paragraph(l)) }] }),
    );
    const read = await readUpload(docx, "通知.docx", LIMIT);
    assert.match(read.kind === "text" ? read.text : "", /烟花爆竹经营点/);
    const sheet = await readUpload(await taskSheetXlsx(["请开展排查"]), "任务表.xlsx", LIMIT);
    assert.equal(sheet.kind, "sheet");
  });

  it("an image is refused naming the file and the accepted types", async () => {
    const r = await refusal(readUpload(PNG, "照片.docx", LIMIT));
    assert.equal(r.code, "invalid");
    assert.match(
      r.message,
      /^照片\.docx：不是可核验的文件（应为 \.txt、\.docx、\.pdf、\.doc、\.wps、\.xlsx、\.csv 之一/,
    );
  });

  describe("PDF", { skip: pdfSkip }, () => {
    it("a PDF without a text layer (a scan) is refused saying so", async () => {
      const r = await refusal(readUpload(pdfWithoutText(), "扫描件.pdf", LIMIT));
      assert.equal(r.code, "invalid");
      assert.match(r.message, /扫描件\.pdf: PDF 中没有文字层（可能是扫描件或图片）/);
    });

    it("a damaged PDF is refused naming the file", async () => {
      const r = await refusal(readUpload(Buffer.from("%PDF-1.4\n垃圾内容"), "坏.pdf", LIMIT));
      assert.match(r.message, /坏\.pdf: PDF 文件已损坏/);
    });

    it("without pdftotext the message names poppler-utils", async () => {
      const r = await withoutPath(() => refusal(readUpload(pdfWithoutText(), "通知.pdf", LIMIT)));
      assert.equal(r.code, "unavailable");
      assert.match(r.message, /服务器未安装 pdftotext.*poppler-utils/);
    });
  });

  describe("made by LibreOffice", { skip: officeSkip || pdfSkip }, () => {
    it("a .pdf notice gives its text layer, Chinese runs without the layout's padding", async () => {
      const read = await readUpload(officeSamples().pdf, "通知.pdf", LIMIT);
      assert.equal(read.kind, "text");
      const text = read.kind === "text" ? read.text : "";
      assert.match(text, /请于5月底前完成辖区自建房安全隐患排查/);
      assert.match(text, /协助县剧院推销新剧门票/);
    });

    it("a .doc notice, and the same file named .wps (WPS writes the Word 97 format), are converted and read", async () => {
      const { doc } = officeSamples();
      assert.equal(await sniffUpload(doc, "通知"), "legacy-text");
      for (const name of ["通知.doc", "通知.wps"]) {
        const read = await readUpload(doc, name, LIMIT);
        assert.match(read.kind === "text" ? read.text : "", /烟花爆竹经营点开展安全监管/, name);
      }
    });

    it("an .xls task sheet is converted by Calc and read as a sheet", async () => {
      const read = await readUpload(officeSheetSample(), "任务表.xls", LIMIT);
      assert.equal(read.kind, "sheet");
      assert.ok(read.kind === "sheet" && read.format === "xlsx");
      const sheet = await readTaskSheet(read.bytes, "任务表.xls", read.format);
      assert.equal(sheet.columns[sheet.taskColumn ?? -1]?.header, "工作任务");
      assert.deepEqual(
        sheet.rows.map((row) => taskOf(sheet, row)),
        ["请各村做好森林防火宣传", "协助县剧院推销新剧门票"],
      );
    });

    it("an .xls LibreOffice cannot read is refused naming the file and how to save it again as .xlsx", async () => {
      // LibreOffice reads almost anything as some sheet; one it gives up on is stood in for by a soffice
      // that fails, beside the libraries of a whole installation.
      const sample = officeSheetSample(); // made by the real LibreOffice, before the stand-in is on PATH
      const r = await withFakeOffice(["libswlo.so", "libsclo.so"], "exit 1", () =>
        refusal(readUpload(sample, "坏表.xls", LIMIT)),
      );
      assert.match(r.message, /坏表\.xls.*无法转换为 \.xlsx.*请在 Excel 或 WPS 表格 中另存为 \.xlsx/);
    });

    it("with LibreOffice but without Calc an .xls is refused naming the Calc package, not as a damaged file", async () => {
      // A LibreOffice program folder as Debian lays it out with Writer alone: no libsclo.so.
      const sample = officeSheetSample();
      const r = await withFakeOffice(["libswlo.so"], "exit 0", () =>
        refusal(readUpload(sample, "任务表.xls", LIMIT)),
      );
      assert.equal(r.code, "unavailable");
      assert.match(
        r.message,
        /服务器未安装 LibreOffice Calc.*libreoffice-calc-nogui.*另存为 \.xlsx 或 \.csv/,
      );
    });

    it("without LibreOffice a .doc is refused naming what to install", async () => {
      const r = await withoutPath(() => refusal(readUpload(officeSamples().doc, "通知.doc", LIMIT)));
      assert.equal(r.code, "unavailable");
      assert.match(r.message, /服务器未安装 LibreOffice（soffice）.*libreoffice-writer/);
    });
  });
});
