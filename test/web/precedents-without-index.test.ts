/**
 * Listing precedents asks only whether each one's item is still in each township's current edition: it
 * builds no match index (a second or more per township on a cold server; 5,000 precedents over four
 * townships took 7 s on the first view, 0.2 s without).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { cachedIndexes } from "../../src/match/index.ts";
import { openStore } from "../../src/store/index.ts";
import { countyOfEdition } from "../../src/store/precedents.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { storePrecedents } from "../../src/workflow/precedents.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { signedInAdmin } from "./sign-in.ts";

test("the precedents page and API list precedents without building a match index", async () => {
  const store = await openStore({ path: ":memory:" });
  try {
    for (const township of ["策勒乡", "达玛沟乡"]) {
      const draft = await bundledDraft();
      draft.township = township;
      await importEdition(store, draft, "test", { status: "published" });
    }
    const edition = (await store.getEdition("策勒乡"))!;
    const countyId = (await countyOfEdition(store.db, edition.id))!;
    const item = edition.draft.items.find((i) => i.list === "basic")!;
    await storePrecedents(workflowDb(store.db), "test", [
      {
        countyId,
        text: "请各村做好宣传",
        verdict: "basic",
        item: { list: "basic", number: item.number, name: item.name },
        source: "import",
        decidedBy: "test",
        decidedAt: "2026-02-01T08:00:00Z",
      },
      {
        countyId,
        text: "请各村整理已删除事项的材料",
        verdict: "basic",
        item: { list: "basic", number: 999, name: "已删除的事项" },
        source: "import",
        decidedBy: "test",
        decidedAt: "2026-02-01T08:00:00Z",
      },
    ]);
    const app = createApp({ store });
    const { client } = await signedInAdmin(app, store);
    const before = cachedIndexes();
    const page = await client.get("/admin/precedents");
    assert.equal(page.status, 200);
    assert.match(page.text, /请各村做好宣传/);
    assert.match(page.text, /已从清单中删除/);
    const api = await client.get(`/api/v1/t/${encodeURIComponent("策勒乡")}/precedents`);
    assert.equal(api.status, 200);
    assert.equal(cachedIndexes(), before);
  } finally {
    store.close();
  }
});
