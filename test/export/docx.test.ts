/** The .docx export's official layout: A4 landscape, repeating header rows, Chinese fonts, computed totals. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import JSZip from "jszip";
import { summarize } from "../../src/domain/edition.ts";
import { writeDocx } from "../../src/export/docx.ts";
import { bundledEdition, reimport } from "./helpers.ts";

async function part(bytes: Buffer, name: string): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file(name)!.async("string");
}

describe("writeDocx", () => {
  it("lays out A4 landscape with three tables whose header row repeats on every page", async () => {
    const bytes = await writeDocx(await bundledEdition());
    const xml = await part(bytes, "word/document.xml");
    assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const tables = xml.split("<w:tbl>").slice(1);
    assert.equal(tables.length, 3);
    for (const table of tables) {
      const rows = table.split("<w:tr>").slice(1);
      assert.match(rows[0]!, /<w:tblHeader\/>/, "the first row repeats as header");
      assert.doesNotMatch(rows[1]!, /<w:tblHeader/, "data rows do not");
      assert.match(rows[0]!, />序号</);
    }
    assert.equal(tables[0]!.split("<w:tr>").length - 1, 117);
    assert.equal(tables[1]!.split("<w:tr>").length - 1, 99);
    assert.equal(tables[2]!.split("<w:tr>").length - 1, 41);
  });

  it("names Chinese fonts as eastAsia fonts that Word and WPS map", async () => {
    const bytes = await writeDocx(await bundledEdition());
    const styles = await part(bytes, "word/styles.xml");
    assert.match(styles, /<w:rFonts[^>]*w:eastAsia="仿宋_GB2312"/);
    assert.match(styles, /w:styleId="LvzhiCell"[\s\S]*?<w:rFonts[^>]*w:eastAsia="宋体"/);
    const xml = await part(bytes, "word/document.xml");
    assert.match(xml, /<w:rFonts[^>]*w:eastAsia="黑体"/);
  });

  it("prints the title, the date and the preface", async () => {
    const draft = await bundledEdition();
    const xml = await part(await writeDocx(draft), "word/document.xml");
    for (const text of [draft.title, "2025年7月", "说 明", draft.preface[1]!])
      assert.ok(xml.includes(text), text);
  });

  it("states the totals computed from the items, not stale ones", async () => {
    const draft = await bundledEdition();
    draft.items = draft.items.filter(
      (i) => !(i.list === "basic" && (i.number === 116 || i.category === "投资促进")),
    );
    const computed = summarize(draft.items).basic;
    assert.equal(computed.categories, 18);
    const xml = await part(await writeDocx(draft), "word/document.xml");
    assert.ok(xml.includes(`18 个类别，共有基本履职事项 ${computed.items} 项`));
    assert.ok(!xml.includes("共有基本履职事项 116 项"));
    const back = await reimport(await writeDocx(draft), "docx");
    assert.equal(back.stated.basic.items, computed.items);
    assert.equal(back.stated.basic.categories, 18);
    assert.equal(back.stated.cooperative.departments, 38, "lists that did not change keep their statement");
  });
});
