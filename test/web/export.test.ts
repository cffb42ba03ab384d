/** Whole-edition downloads from the township page, and the published edition JSON Schema. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { readDocument } from "../../src/ingest/index.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";

const SEED = new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url);
const T = encodeURIComponent("策勒乡");

describe("export downloads", () => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = await openStore({ path: ":memory:" });
    const { draft, problems } = await readDocument(readFileSync(SEED), "cele.txt");
    await store.saveEdition(draft, { status: "published", warnings: problems });
    app = createApp({ store });
  });
  after(() => store.close());

  it("links every format from the township page", async () => {
    const html = await (await app.request(`/t/${T}`)).text();
    for (const format of ["xlsx", "docx", "csv", "json"])
      assert.ok(html.includes(`/t/${T}/export/${format}`), format);
  });

  for (const [format, type] of [
    ["xlsx", "spreadsheetml"],
    ["docx", "wordprocessingml"],
    ["csv", "application/zip"],
    ["json", "application/json"],
  ] as const) {
    it(`serves the edition as ${format}, readable again with the same totals`, async () => {
      const res = await app.request(`/t/${T}/export/${format}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", new RegExp(type));
      assert.match(res.headers.get("content-disposition") ?? "", /attachment; .*filename\*=UTF-8''/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const { draft } = await readDocument(bytes, `download.${format}`);
      assert.equal(draft.items.length, 254);
      assert.equal(draft.township, "策勒乡");
    });
  }

  it("answers 400 for an unknown format and 404 for an unknown township", async () => {
    assert.equal((await app.request(`/t/${T}/export/pdf`)).status, 400);
    assert.equal((await app.request(`/t/${encodeURIComponent("无此乡")}/export/xlsx`)).status, 404);
  });

  it("publishes the edition JSON Schema", async () => {
    const res = await app.request("/api/v1/schema/edition.json");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /schema\+json/);
    const schema = await res.json();
    assert.ok(schema.$schema || schema.type, "a JSON Schema document");
  });
});
