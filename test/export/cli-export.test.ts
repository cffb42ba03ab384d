/** `lvzhi export` through the CLI entry: a stored edition out in every format, and its errors. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { openStore } from "../../src/store/index.ts";
import { differences, reimport, SEED } from "./helpers.ts";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("lvzhi export", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-export-"));
  const db = join(dir, "test.db");

  before(async () => {
    const imported = await cli("import", SEED, "--db", db);
    assert.equal(imported.code, 0, imported.err);
  });

  for (const format of ["xlsx", "docx", "csv", "json"] as const) {
    it(`writes ${format} that imports back to the stored edition`, async () => {
      const out = join(dir, `cele.${format === "csv" ? "zip" : format}`);
      const {
        code,
        out: said,
        err,
      } = await cli("export", "--township", "策勒乡", "--format", format, "--out", out, "--db", db);
      assert.equal(code, 0, err);
      assert.match(said, /已导出 策勒乡 2025-07 版（基本 116、配合 98、收回 40 项）/);
      const store = await openStore({ path: db });
      const stored = await store.getEdition("策勒乡", "2025-07");
      await store.close();
      const back = await reimport(readFileSync(out), format);
      assert.deepEqual(differences(back, stored!.draft), []);
    });
  }

  it("takes the format from the file name, and writes one list as a CSV file", async () => {
    const out = join(dir, "by-extension.xlsx");
    assert.equal((await cli("export", "--township", "策勒乡", "--out", out, "--db", db)).code, 0);
    assert.equal(readFileSync(out).subarray(0, 2).toString(), "PK");
    const list = join(dir, "reclaimed.csv");
    const one = await cli(
      "export",
      "--township",
      "策勒乡",
      "--format",
      "csv",
      "--list",
      "reclaimed",
      "--out",
      list,
      "--db",
      db,
    );
    assert.equal(one.code, 0, one.err);
    assert.match(readFileSync(list, "utf8"), /^\uFEFF序号,事项类别,事项名称,承接部门及工作方式,备注\r\n/);
  });

  it("explains what is wrong and writes nothing", async () => {
    const before = readdirSync(dir).length;
    const unknown = await cli(
      "export",
      "--township",
      "不存在乡",
      "--format",
      "json",
      "--out",
      join(dir, "x.json"),
      "--db",
      db,
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /找不到 不存在乡的清单/);
    const wrongDate = await cli(
      "export",
      "--township",
      "策勒乡",
      "--edition",
      "2020-01",
      "--format",
      "json",
      "--out",
      join(dir, "y.json"),
      "--db",
      db,
    );
    assert.equal(wrongDate.code, 1);
    assert.match(wrongDate.err, /2020-01 版/);
    const badFormat = await cli(
      "export",
      "--township",
      "策勒乡",
      "--format",
      "pdf",
      "--out",
      join(dir, "z.pdf"),
      "--db",
      db,
    );
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.err, /--format 应为 xlsx\|docx\|csv\|json/);
    const csvName = await cli(
      "export",
      "--township",
      "策勒乡",
      "--format",
      "csv",
      "--out",
      join(dir, "all.csv"),
      "--db",
      db,
    );
    assert.equal(csvName.code, 2);
    assert.match(csvName.err, /zip/);
    const noDir = await cli(
      "export",
      "--township",
      "策勒乡",
      "--format",
      "json",
      "--out",
      join(dir, "no", "such", "x.json"),
      "--db",
      db,
    );
    assert.equal(noDir.code, 1);
    assert.match(noDir.err, /无法写入（ENOENT）/);
    assert.equal(readdirSync(dir).length, before);
    assert.equal(existsSync(join(dir, "x.json")), false);
  });
});
