/** Unreadable Word input: each case ends in a DocumentError naming the file and what was expected. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { DocumentError } from "../../src/domain/problem.ts";
import { readDocx } from "../../src/ingest/docx.ts";
import { readOffice } from "../../src/ingest/office.ts";
import { detectContainer, LimitedZip } from "../../src/ingest/zip-limits.ts";
import { BASIC_HEADER, docx, FRONT, p, row, tbl } from "./docx-fixtures.ts";

const GOOD_BODY =
  FRONT +
  p("于田县木尕拉镇基本履职事项清单") +
  tbl([row(BASIC_HEADER, true), row(["1", "党的建设", "加强党建", ""])]);

async function refused(bytes: Uint8Array, pattern: RegExp, read = readDocx): Promise<DocumentError> {
  const error = await read(bytes, "bad.docx").then(
    () => assert.fail("expected a DocumentError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DocumentError, `DocumentError expected, got ${error}`);
  assert.equal(error.file, "bad.docx");
  assert.match(error.message, pattern);
  return error;
}

/** Rewrites the sizes a zip declares for an entry (local header and central directory), as a bomb would. */
function understate(zip: Buffer, size: number, name = "word/document.xml"): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 <= out.length; i++) {
    const signature = out.readUInt32LE(i);
    if (
      signature === 0x04034b50 &&
      out.toString("utf8", i + 30, i + 30 + out.readUInt16LE(i + 26)) === name
    ) {
      out.writeUInt32LE(size, i + 22);
    } else if (
      signature === 0x02014b50 &&
      out.toString("utf8", i + 46, i + 46 + out.readUInt16LE(i + 28)) === name
    ) {
      out.writeUInt32LE(size, i + 24);
    }
  }
  return out;
}

describe("readDocx refuses bad input", () => {
  it("reads the good fixture (so the cases below fail for their own reason)", async () => {
    const raw = await readDocx(await docx(GOOD_BODY), "good.docx");
    assert.equal(raw.tables[0]?.rows.length, 1);
  });

  it("a file that is not a zip", async () => {
    await refused(Buffer.from("这不是 Word 文档"), /不是 \.docx 文件/);
  });

  it("a truncated zip", async () => {
    const whole = await docx(GOOD_BODY);
    await refused(whole.subarray(0, Math.floor(whole.length / 2)), /损坏或不完整/);
  });

  it("a zip whose compressed data is corrupt", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", `<w:document>${"<w:p/>".repeat(5000)}</w:document>`);
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const data = 30 + "word/document.xml".length;
    for (let i = data + 2; i < data + 40; i++) bytes[i] = 0xff;
    await refused(bytes, /损坏|不是有效的 XML/);
  });

  it("a zip bomb: declared sizes past the cap are refused before inflating", async () => {
    const big = await docx(GOOD_BODY + p("空".repeat(400_000)));
    await refused(big, /疑似压缩炸弹/, (b, f) =>
      readDocx(b, f, {
        maxXmlBytes: 512 * 1024,
        maxEntryBytes: 512 * 1024,
        maxTotalBytes: 4 << 20,
        maxEntries: 100,
      }),
    );
  });

  it("a zip bomb that lies about its sizes is stopped while inflating, at the default cap", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", Buffer.alloc(80 * 1024 * 1024, 0x20));
    const bomb = understate(
      await zip.generateAsync({
        type: "nodebuffer",
        compression: "DEFLATE",
        compressionOptions: { level: 1 },
      }),
      1000,
    );
    assert.ok(bomb.length < 1024 * 1024, "80 MB of spaces deflate to well under 1 MB");
    const before = process.memoryUsage().rss;
    await refused(bomb, /word\/document\.xml 解压后超过 8 MB.*疑似压缩炸弹/);
    assert.ok(process.memoryUsage().rss - before < 400 * 1024 * 1024, "memory stays bounded");
  });

  it("the total of all entries is capped too, by declared and by inflated sizes", async () => {
    const limits = { maxXmlBytes: 1 << 20, maxEntryBytes: 1 << 20, maxTotalBytes: 1500, maxEntries: 10 };
    const bytes = await docx(GOOD_BODY);
    await assert.rejects(LimitedZip.open(bytes, "t.docx", ".docx", limits), /解压后总大小超过 2 KB/);
    const zip = await LimitedZip.open(understate(bytes, 10), "t.docx", ".docx", limits);
    await assert.rejects(zip.checkAll(), /解压后总大小超过 2 KB.*疑似压缩炸弹/);
  });

  it("a document with no tables", async () => {
    await refused(await docx(FRONT), /没有找到清单表格/);
  });

  it("a document whose only table is not a list", async () => {
    await refused(
      await docx(FRONT + tbl([row(["姓名", "职务"]), row(["张三", "镇长"])])),
      /没有找到清单表格/,
    );
  });

  it("a list table that lacks an official column", async () => {
    const body =
      FRONT + p("于田县木尕拉镇配合履职事项清单") + tbl([row(["序号", "事项类别", "事项名称", "备注"])]);
    const error = await refused(await docx(body), /缺少“对应上级部门”“上级部门职责”“乡镇（街道）配合职责”列/);
    assert.equal(error.line, 1);
  });

  it("an Excel workbook passed as Word", async () => {
    const zip = new JSZip();
    zip.file("xl/workbook.xml", "<workbook/>");
    await refused(await zip.generateAsync({ type: "nodebuffer" }), /这是 Excel 工作簿/);
  });

  it("a password-protected file (OLE container holding EncryptedPackage)", async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(500),
      Buffer.from("EncryptedPackage", "utf16le"),
      Buffer.alloc(500),
    ]);
    assert.equal(await detectContainer(ole), "cfb");
    await refused(ole, /受密码保护/);
  });

  it("a legacy .doc (OLE container without encryption)", async () => {
    await refused(
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1000)]),
      /旧版/,
    );
  });

  it("XML with a document type declaration (entity expansion)", async () => {
    const zip = new JSZip();
    zip.file("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:document/>');
    await refused(await zip.generateAsync({ type: "nodebuffer" }), /DTD/);
  });
});

describe("readOffice dispatches on content", () => {
  it("reads a .docx under any name, passes text through, and refuses other zips", async () => {
    const raw = await readOffice(await docx(GOOD_BODY), "renamed.txt");
    assert.equal(raw?.tables[0]?.list, "basic");
    assert.equal(await readOffice(Buffer.from("序号\t事项类别"), "a.txt"), undefined);
    const zip = new JSZip();
    zip.file("photo.jpg", "not really");
    await assert.rejects(
      readOffice(await zip.generateAsync({ type: "nodebuffer" }), "x.zip"),
      /既没有 Word\/Excel/,
    );
    const whole = await docx(GOOD_BODY);
    await assert.rejects(readOffice(whole.subarray(0, 100), "cut.docx"), /损坏或不完整/);
    await assert.rejects(
      readOffice(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "old.doc"),
      /旧版/,
    );
  });
});
