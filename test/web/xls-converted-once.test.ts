/**
 * An .xls task sheet uploaded on the 任务核验 page is converted by LibreOffice once: the check page reads
 * the upload (converting it to find that it is a sheet) and hands the converted workbook to the sheet
 * check, which does not convert the original again (each conversion costs a LibreOffice start).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { closeWorkPool } from "../../src/work/pool.ts";
import { officeSheetSample, officeSkip, withFakeOffice } from "../check-files/office-samples.ts";
import { taskSheetXlsx } from "../data/file-fixtures.ts";
import { form } from "./fixtures.ts";
import { townshipApp } from "./township-app.ts";

process.env.LVZHI_READ_MS ??= "30000";
process.env.LVZHI_FILE_MS ??= "30000";

const CHECK = `/t/${encodeURIComponent("策勒乡")}/check`;
const TASKS = ["请各村做好森林防火宣传", "协助县剧院推销新剧门票"];

describe("an .xls uploaded on the check page", { skip: officeSkip }, () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let dir: string;

  before(async () => {
    ({ store, app } = await townshipApp("县公安局"));
    dir = mkdtempSync(join(tmpdir(), "lvzhi-once-"));
  });
  after(async () => {
    await closeWorkPool();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("is converted by LibreOffice once, and its rows are checked", async () => {
    const xls = officeSheetSample(); // a real Excel 97 file (made before the stand-in is on PATH)
    const converted = join(dir, "converted.xlsx");
    writeFileSync(converted, await taskSheetXlsx(TASKS));
    const calls = join(dir, "calls");
    writeFileSync(calls, "");
    // A stand-in soffice: counts its runs and "converts" by copying a workbook to --outdir.
    const script = [
      `echo run >> '${calls}'`,
      'while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done',
      `mkdir -p "$out" && cp '${converted}' "$out/in.xlsx"`,
    ].join("\n");
    const res = await withFakeOffice(["libswlo.so", "libsclo.so"], script, async () =>
      app.request(
        CHECK,
        { method: "POST", body: form({ file: { name: "任务表.xls", bytes: xls } }) },
        { incoming: { socket: { remoteAddress: "10.8.0.1" } } },
      ),
    );
    const html = await res.text();
    assert.equal(res.status, 200, html.slice(0, 500));
    assert.match(html, /任务表核验/);
    for (const task of TASKS) assert.ok(html.includes(task), `row ${task} is checked`);
    const runs = readFileSync(calls, "utf8").split("\n").filter(Boolean).length;
    assert.equal(runs, 1, "LibreOffice ran once for one .xls");
  });
});
