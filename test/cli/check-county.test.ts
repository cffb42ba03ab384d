import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { deriveTownships } from "../../src/bench/derive.ts";
import { runCli } from "../../src/cli/main.ts";
import { readDocument } from "../../src/ingest/index.ts";
import { openStore } from "../../src/store/index.ts";

const dir = mkdtempSync(join(tmpdir(), "lvzhi-check-county-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = fileURLToPath(new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url));

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe("lvzhi check --county", () => {
  test("checks one task against every township of the county, each with its own lists", async () => {
    const db = join(dir, "county.db");
    const cele = (await readDocument(readFileSync(file), file)).draft;
    const [a, b] = [...deriveTownships(cele, 2, { perCounty: 2, seed: 5 })];
    const store = await openStore({ path: db });
    await store.saveEdition(a!);
    await store.saveEdition(b!);
    await store.close();

    const text = await run(["check", "请各乡镇做好烟花爆竹安全监管", "--county", a!.county, "--db", db]);
    assert.equal(text.code, 0, text.err);
    assert.ok(text.out.includes(a!.township) && text.out.includes(b!.township));
    const json = await run([
      "check",
      "请各乡镇做好烟花爆竹安全监管",
      "--county",
      a!.county,
      "--db",
      db,
      "--json",
    ]);
    const body = JSON.parse(json.out);
    assert.equal(body.townships.length, 2);
    for (const t of body.townships) assert.equal(t.tasks[0].verdict, "reclaimed");

    const unknown = await run(["check", "任务", "--county", "无此县", "--db", db]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /没有"无此县"的乡镇清单/);
    const both = await run(["check", "任务", "--county", a!.county, "--township", a!.township, "--db", db]);
    assert.equal(both.code, 2);
  });
});
