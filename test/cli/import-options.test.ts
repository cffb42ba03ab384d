/**
 * Issue 9 row 10: `lvzhi import --replace` keeps the published state unless told otherwise; --township,
 * --county and --date supply what a file names nowhere; `lvzhi … | head` ends quietly (EPIPE).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/main.ts";
import { openStore } from "../../src/store/index.ts";

const SEED = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/lvzhi.js", import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

async function statuses(db: string): Promise<string[]> {
  const store = await openStore({ path: db });
  try {
    return (await store.listEditions()).map((e) => `${e.township} ${e.date} ${e.status}`);
  } finally {
    await store.close();
  }
}

describe("lvzhi import --replace and the edition's status", () => {
  const db = join(mkdtempSync(join(tmpdir(), "lvzhi-replace-")), "test.db");

  it("a published edition stays published when replaced; --unpublish makes it a draft; --publish publishes", async () => {
    assert.equal((await cli("import", SEED, "--db", db, "--publish")).code, 0);
    assert.deepEqual(await statuses(db), ["策勒乡 2025-07 published"]);
    const kept = await cli("import", SEED, "--db", db, "--replace");
    assert.equal(kept.code, 0, kept.err);
    assert.deepEqual(await statuses(db), ["策勒乡 2025-07 published"]);
    assert.equal((await cli("import", SEED, "--db", db, "--replace", "--unpublish")).code, 0);
    assert.deepEqual(await statuses(db), ["策勒乡 2025-07 draft"]);
    assert.equal((await cli("import", SEED, "--db", db, "--replace")).code, 0);
    assert.deepEqual(await statuses(db), ["策勒乡 2025-07 draft"], "a draft stays a draft too");
    assert.equal((await cli("import", SEED, "--db", db, "--replace", "--publish")).code, 0);
    assert.deepEqual(await statuses(db), ["策勒乡 2025-07 published"]);
  });

  it("--publish and --unpublish together are a usage error", async () => {
    const both = await cli("import", SEED, "--db", db, "--publish", "--unpublish");
    assert.equal(both.code, 2);
    assert.match(both.err, /只能选一个/);
  });
});

describe("lvzhi import --township --county --date", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-place-"));
  const db = join(dir, "test.db");

  async function untitledWorkbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("基本").addRows([
      ["序号", "事项类别", "事项名称", "备注"],
      [1, "党的建设", "加强党建", ""],
      [2, "综合政务", "做好值班值守", "个性"],
    ]);
    const file = join(dir, "lists.xlsx");
    writeFileSync(file, new Uint8Array(await wb.xlsx.writeBuffer()));
    return file;
  }

  it("a workbook that names no township is refused, and imports once they are given", async () => {
    const file = await untitledWorkbook();
    const refused = await cli("import", file, "--db", db);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /找不到乡镇名称.*--township/);
    const given = await cli(
      "import",
      file,
      "--db",
      db,
      "--township",
      " 示例镇 ",
      "--county",
      "示例县",
      "--date",
      "2025-03",
    );
    assert.equal(given.code, 0, given.err);
    assert.match(given.out, /已导入 示例镇（示例县）2025-03 版：基本 2 项/);
    assert.deepEqual(await statuses(db), ["示例镇 2025-03 draft"]);
  });

  it("bad values are usage errors that say what is expected", async () => {
    const file = await untitledWorkbook();
    const date = await cli(
      "import",
      file,
      "--db",
      db,
      "--township",
      "示例镇",
      "--county",
      "示例县",
      "--date",
      "2025-13",
    );
    assert.equal(date.code, 2);
    assert.match(date.err, /--date 应为 YYYY-MM/);
    const alone = await cli("import", file, "--db", db, "--township", "示例镇");
    assert.equal(alone.code, 2);
    assert.match(alone.err, /--township 与 --county 需一起给出/);
  });
});

describe("lvzhi … | head", () => {
  it("a reader that goes away (EPIPE) ends the command quietly, without a stack trace", async () => {
    const child = spawn(process.execPath, [BIN, "lint", SEED], { stdio: ["ignore", "pipe", "pipe"] });
    // Close the read end before the command writes: every write then fails with EPIPE.
    child.stdout.destroy();
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.doesNotMatch(err, /EPIPE|Error|at /, err);
    assert.equal(code, 0);
  });
});
