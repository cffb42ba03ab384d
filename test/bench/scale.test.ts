import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { type BenchBackend, runScale } from "../../src/bench/scale.ts";
import { runScaleCommand } from "../../src/bench/scale-cli.ts";
import { scaleReport } from "../../src/bench/scale-report.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { describeEachBackend } from "../support/stores.ts";

const file = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));
const cele = (await readDocument(readFileSync(file), file)).draft;

describeEachBackend("scale bench, small N", (backend) => {
  test("imports N derived townships and measures every figure", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-scale-test-"));
    let closed = false;
    const store = await backend.open();
    // The bench opens its own store; run it on the test's database through the same location.
    const bench: BenchBackend = {
      name: backend.name,
      location: {},
      size: async () => 1,
      cleanup: async () => {
        closed = true;
      },
    };
    const lines: string[] = [];
    const result = await runScale(bench, cele, {
      townships: 4,
      perCounty: 2,
      seed: 2,
      checks: 5,
      requests: 3,
      tasks: ["请各乡镇做好烟花爆竹安全监管工作", "开展辖区自建房安全隐患排查"],
      log: (line) => lines.push(line),
      store,
    });
    assert.ok(closed);
    assert.equal(result.townships, 4);
    assert.equal(result.counties, 2);
    assert.equal(
      result.items,
      (await store.listEditions()).reduce(
        (n, e) => n + e.counts.basic + e.counts.cooperative + e.counts.reclaimed,
        0,
      ),
    );
    assert.ok(result.import.itemsPerSecond > 0);
    assert.ok(result.check.indexBuildMs > 0);
    // The county-wide check covers the target's county (2 townships per county here), cold then warm.
    assert.equal(result.cold.county.townships, 2);
    assert.ok(result.cold.county.coldMs > 0 && result.cold.county.warm.p50 > 0);
    assert.ok(result.cold.nextBuildMs > 0 && result.cold.indexEstimateMb > 0);
    assert.ok(result.check.engine.p99 >= result.check.engine.p50);
    assert.ok(result.pages.county.p50 > 0 && result.pages.search.p50 > 0);
    const report = scaleReport([result]);
    assert.match(report[0]!, /4 个乡镇（2 个县）/);
    assert.ok(report.some((l) => l.startsWith("批量导入吞吐")));
    assert.ok(report.some((l) => l.startsWith("全县核验首次")));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

test("bench scale refuses a missing or bad --townships", async () => {
  await assert.rejects(runScaleCommand([], { out: () => {}, err: () => {} }), /需要 --townships N/);
  await assert.rejects(runScaleCommand(["--townships", "0"], { out: () => {}, err: () => {} }), /正整数/);
});
