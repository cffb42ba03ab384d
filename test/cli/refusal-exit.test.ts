/** The CLI maps refusals to their exit codes (domain/refusal.ts REFUSAL_EXIT); other failures exit 1. */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import { REFUSAL_EXIT } from "../../src/domain/refusal.ts";
import { openStore } from "../../src/store/index.ts";
import { craftedDraft } from "../store/drafts.ts";

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const code = await runCli(argv, { out: () => {}, err: (t) => (err += t) });
  return { code, err };
}

describe("refusals as exit codes", () => {
  const db = join(mkdtempSync(join(tmpdir(), "lvzhi-exit-")), "test.db");

  before(async () => {
    const store = await openStore({ path: db });
    await store.saveEdition(craftedDraft({ township: "同名乡", county: "甲县" }));
    await store.saveEdition(craftedDraft({ township: "同名乡", county: "乙县" }));
    await store.close();
  });

  it("a bare township name that several counties share is invalid input: exit 2", async () => {
    const res = await cli("export", "--township", "同名乡", "--out", join(tmpdir(), "x.json"), "--db", db);
    assert.equal(res.code, REFUSAL_EXIT.invalid);
    assert.match(res.err, /县名\/乡镇名/);
  });

  it("a usage error is invalid input: exit 2", async () => {
    assert.equal((await cli("publish", "--db", db)).code, REFUSAL_EXIT.invalid);
  });

  it("publishing an edition that does not exist is a not-found refusal: exit 2", async () => {
    const res = await cli("publish", "甲县/同名乡", "2030-01", "--db", db);
    assert.equal(res.code, REFUSAL_EXIT["not-found"], res.err);
    assert.match(res.err, /未找到/);
  });

  it("publishing a township that several counties share, without its county, is invalid: exit 2", async () => {
    const res = await cli("publish", "同名乡", "2025-07", "--db", db);
    assert.equal(res.code, REFUSAL_EXIT.invalid, res.err);
  });
});
