/** `lvzhi check` through the CLI entry: one task, a notice file, a JSONL batch, bad input. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../src/cli/main.ts";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("lvzhi check", () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-check-"));
  // An empty database: check falls back to the bundled 策勒乡 lists.
  const db = join(dir, "empty.db");

  it("checks one task and prints the JSON shape of the issue", async () => {
    const { code, out } = await cli(
      "check",
      "--db",
      db,
      "--json",
      "请乡政府对辖区烟花爆竹经营点开展安全监管",
    );
    assert.equal(code, 0);
    const r = JSON.parse(out);
    assert.equal(r.verdict, "reclaimed");
    assert.deepEqual(r.item, { list: "reclaimed", number: 36, name: "烟花爆竹安全监管" });
    assert.ok(r.confidence > 0 && r.confidence <= 1);
    assert.equal(typeof r.needs_review, "boolean");
    assert.ok(r.alternatives.length > 0);
    assert.ok(r.evidence.some((e: { task: string }) => e.task.includes("烟花爆竹")));
    assert.deepEqual(r.takeover.departments, ["县应急管理局"]);
  });

  it("prints a readable answer without --json", async () => {
    const { code, out } = await cli("check", "--db", db, "请各乡镇完成辖区自建房安全隐患排查，建立台账");
    assert.equal(code, 0);
    assert.match(out, /结论：基本履职事项/);
    assert.match(out, /第90项/);
  });

  it("splits a notice file into tasks with offsets", async () => {
    const notice =
      "各乡镇：\n为做好防汛工作，现将有关事项通知如下：\n一、请各乡镇于5月底前完成辖区自建房安全隐患排查。\n二、对辖区加油站开展危险化学品安全检查。\n特此通知。";
    const file = join(dir, "notice.txt");
    writeFileSync(file, notice);
    const { code, out } = await cli("check", "--db", db, "--file", file, "--json");
    assert.equal(code, 0);
    const { tasks } = JSON.parse(out);
    assert.equal(tasks.length, 2);
    for (const t of tasks) assert.equal(notice.slice(t.start, t.end), t.text);
    assert.deepEqual(
      tasks.map((t: { verdict: string }) => t.verdict),
      ["basic", "reclaimed"],
    );
  });

  it("answers a batch line by line, in order, reporting bad lines in place", async () => {
    const file = join(dir, "cases.jsonl");
    writeFileSync(
      file,
      '{"id":"a","text":"烟花爆竹安全监管"}\nnot json\n\n{"id":"c","text":"为县城新建体育馆采购一批篮球架"}\n',
    );
    const { code, out } = await cli("check", "--db", db, "--batch", file, "--json");
    assert.equal(code, 0);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    assert.equal(lines[0].id, "a");
    assert.equal(lines[0].item.number, 36);
    assert.match(lines[1].error, /第 2 行/);
    assert.equal(lines[2].id, "c");
    assert.equal(lines[2].verdict, "unlisted");
    assert.equal(lines[2].item, null);
  });

  it("refuses empty text, binary files and missing files clearly", async () => {
    assert.equal((await cli("check", "--db", db, "")).code, 2);
    const bin = join(dir, "garbage.txt");
    writeFileSync(bin, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    const garbage = await cli("check", "--db", db, "--file", bin);
    assert.equal(garbage.code, 1);
    assert.match(garbage.err, /garbage\.txt/);
    const missing = await cli("check", "--db", db, "--file", join(dir, "nope.txt"));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.txt/);
    assert.equal((await cli("check", "--db", db, "--township", "不存在乡", "任务")).code, 1);
  });
});
