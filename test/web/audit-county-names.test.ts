/**
 * The audit log names a precedent's county (县：策勒县), on the page, in the JSON twin and in the CSV, where it
 * showed the county's internal id (县编号：1).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { openStore } from "../../src/store/index.ts";
import { countyOfEdition } from "../../src/store/precedents.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { storePrecedents } from "../../src/workflow/precedents.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { signedInAdmin } from "./sign-in.ts";

test("a precedent's entry in the audit log names its county, not its id", async () => {
  const store = await openStore({ path: ":memory:" });
  try {
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const edition = (await store.getEdition("策勒乡"))!;
    const countyId = (await countyOfEdition(store.db, edition.id))!;
    await storePrecedents(workflowDb(store.db), "test", [
      {
        countyId,
        text: "协助县剧院推销新剧门票",
        verdict: "unlisted",
        item: null,
        source: "correction",
        decidedBy: "test",
        decidedAt: "2026-02-01T08:00:00Z",
      },
    ]);
    const app = createApp({ store });
    const { client } = await signedInAdmin(app, store);
    const page = await client.get("/admin/audit?kind=precedent");
    assert.equal(page.status, 200);
    assert.match(page.text, /<span class="field">县<\/span>：策勒县/);
    assert.doesNotMatch(page.text, /县编号/);
    const api = await client.get("/api/v1/admin/audit?kind=precedent");
    const entries = (JSON.parse(api.text) as { entries: { changes: { label: string; after: string }[] }[] })
      .entries;
    assert.deepEqual(
      entries[0]!.changes.find((c) => c.label === "县"),
      { field: "countyId", label: "县", before: null, after: "策勒县" },
    );
    const csv = await client.get("/admin/audit/export?format=csv&kind=precedent");
    assert.match(csv.text, /县：策勒县/);
  } finally {
    await store.close();
  }
});
