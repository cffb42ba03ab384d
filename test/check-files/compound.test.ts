/**
 * checkCompound: an OLE compound file (.xls/.doc) made by LibreOffice is whole; the same file cut short
 * (a broken download), with its sectors overwritten or its header garbled is not, with the reason in words.
 * And sniffUpload takes an .xls that is an HTML table or Excel 2003 XML for the sheet it is.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkCompound } from "../../src/check-files/compound.ts";
import { sniffUpload } from "../../src/check-files/sniff.ts";
import { officeSamples, officeSheetSample, officeSkip } from "./office-samples.ts";

describe("checkCompound", { skip: officeSkip }, () => {
  it("a whole .xls and .doc list their streams", () => {
    const xls = checkCompound(officeSheetSample());
    assert.ok(xls.ok && xls.streams.includes("Workbook"), JSON.stringify(xls));
    const doc = checkCompound(officeSamples().doc);
    assert.ok(doc.ok && doc.streams.includes("WordDocument"), JSON.stringify(doc));
  });

  it("an .xls cut short, overwritten after its header, or with a garbled header is damaged", () => {
    const xls = officeSheetSample();
    const overwritten = Buffer.from(xls).fill(0x41, 512);
    const garbled = Buffer.concat([xls.subarray(0, 8), Buffer.alloc(4000, 0x37)]);
    for (const [what, bytes, reason] of [
      ["half", xls.subarray(0, Math.floor(xls.length / 2)), /被截断/],
      ["one sector short", xls.subarray(0, xls.length - 512), /被截断/],
      ["the header alone", xls.subarray(0, 600), /被截断/],
      ["overwritten", overwritten, /已损坏/],
      ["garbled header", garbled, /文件头异常/],
      ["the signature alone", xls.subarray(0, 8), /文件头不完整/],
    ] as const) {
      const r = checkCompound(bytes);
      assert.ok(!r.ok, what);
      assert.match(r.problem, reason, what);
    }
  });
});

describe("sniffUpload and spreadsheets in markup", () => {
  it("an .xls or .et that is an HTML table or Excel 2003 XML is a sheet; other text, or an HTML .txt, is text", async () => {
    const html = Buffer.from(
      "\ufeff <html><body><TABLE border=1><tr><td>任务</td></tr></TABLE></body></html>",
    );
    const xml = Buffer.from(
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
    );
    assert.equal(await sniffUpload(html, "导出.xls"), "legacy-sheet");
    assert.equal(await sniffUpload(html, "导出.ET"), "legacy-sheet");
    assert.equal(await sniffUpload(xml, "导出.xls"), "legacy-sheet");
    assert.equal(await sniffUpload(html, "导出.txt"), "text");
    assert.equal(await sniffUpload(Buffer.from("<p>请开展排查</p>"), "导出.xls"), "text");
    assert.equal(await sniffUpload(Buffer.from("请开展排查，见<table>"), "导出.xls"), "text");
  });
});
