/** `lvzhi import` and `lvzhi lint` through the CLI entry, against a temporary database. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { exportEdition } from "../../src/export/index.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { openStore } from "../../src/store/index.ts";

const SEED = new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url).pathname;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function editionCount(db: string): Promise<number> {
  const store = await openStore({ path: db });
  try {
    return (await store.listEditions()).length;
  } finally {
    await store.close();
  }
}

describe("lvzhi import", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-cli-"));
  const db = join(dir, "test.db");

  it("imports the bundled document and prints the JSON summary of the issue", async () => {
    const { code, out } = await cli("import", SEED, "--db", db, "--json");
    assert.equal(code, 0);
    const summary = JSON.parse(out);
    assert.equal(summary.township, "策勒乡");
    assert.equal(summary.county, "策勒县");
    assert.equal(summary.date, "2025-07");
    assert.deepEqual(summary.lists, {
      basic: { items: 116, categories: 19 },
      cooperative: { items: 98, categories: 18, departments: 38 },
      reclaimed: { items: 40, categories: 11, departments: 15 },
    });
    assert.ok(
      summary.warnings.some(
        (w: { code: string; line: number }) => w.code === "step-number-repeated" && w.line === 172,
      ),
    );
  });

  it("refuses the same township and date again (a conflict: exit 4), unless --replace", async () => {
    const again = await cli("import", SEED, "--db", db);
    assert.equal(again.code, 4);
    assert.match(again.err, /已存在.*--replace/);
    assert.equal(await editionCount(db), 1);
    const replaced = await cli("import", SEED, "--db", db, "--replace");
    assert.equal(replaced.code, 0, replaced.err);
    assert.match(replaced.out, /基本 116 项/);
    assert.equal(await editionCount(db), 1);
  });

  it("refuses bad input with file and line, and stores nothing", async () => {
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, "示例县 示例镇履职事项清单\n序号\t事项类别\t事项名称\t备注\n1\t党的建设\n");
    const before = await editionCount(db);
    const { code, err } = await cli("import", bad, "--db", db);
    assert.equal(code, 1);
    assert.match(err, /bad\.txt:3: .*应为 4 列/);
    assert.match(err, /未导入任何内容/);
    assert.equal(await editionCount(db), before);
  });

  it("refuses a document whose 序号 repeats, naming the line", async () => {
    const dup = join(dir, "dup.txt");
    writeFileSync(
      dup,
      "示例县 示例镇履职事项清单\n2024年1月\n序号\t事项类别\t事项名称\t备注\n1\t党的建设\t甲\t\n1\t党的建设\t乙\t\n",
    );
    const { code, err } = await cli("import", dup, "--db", db);
    assert.equal(code, 1);
    assert.match(err, /dup\.txt:5: .*序号 1 重复/);
  });

  it("reports a missing file and unknown options clearly", async () => {
    const missing = await cli("import", join(dir, "nope.txt"), "--db", db);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.txt: 无法读取文件（ENOENT）/);
    const unknown = await cli("import", SEED, "--bogus");
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /bogus/);
  });
});

describe("lvzhi import of Word, Excel, CSV and JSON", () => {
  for (const format of ["docx", "xlsx", "csv", "json"] as const) {
    it(`imports the bundled lists exported as ${format}, detected from the content`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "lvzhi-office-"));
      const { draft } = await readDocument(readFileSync(SEED), "cele.txt");
      const file = join(dir, `cele-${format}.dat`);
      writeFileSync(file, await exportEdition(draft, format));
      const { code, out, err } = await cli("import", file, "--db", join(dir, "o.db"), "--json");
      assert.equal(code, 0, err);
      assert.deepEqual(JSON.parse(out).lists, {
        basic: { items: 116, categories: 19 },
        cooperative: { items: 98, categories: 18, departments: 38 },
        reclaimed: { items: 40, categories: 11, departments: 15 },
      });
    });
  }

  it("refuses a corrupt .docx cleanly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-office-"));
    const file = join(dir, "broken.docx");
    const { draft } = await readDocument(readFileSync(SEED), "cele.txt");
    writeFileSync(file, (await exportEdition(draft, "docx")).subarray(0, 2000));
    const { code, err } = await cli("import", file, "--db", join(dir, "o.db"));
    assert.equal(code, 1);
    assert.match(err, /broken\.docx/);
    assert.match(err, /未导入任何内容/);
  });
});

describe("lvzhi lint", () => {
  it("reports the document's quirks with file and line, storing nothing", async () => {
    const { code, out } = await cli("lint", SEED);
    assert.equal(code, 0);
    assert.match(out, /cele-township-duty-lists-2025-07\.txt:172: cooperative 8 \[step-number-repeated\]/);
    assert.match(out, /\[latin-word\].*and/);
  });

  it("prints the same summary as import with --json", async () => {
    const { out } = await cli("lint", SEED, "--json");
    assert.equal(JSON.parse(out).lists.reclaimed.departments, 15);
  });
});
