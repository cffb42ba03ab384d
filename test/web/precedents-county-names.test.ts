/**
 * County names repeat across China: on /admin/precedents two counties of the same name (策勒县 of 和田地区 and a
 * 策勒县 elsewhere) are grouped apart, so each is named with its region too, when and only when two counties
 * listed share the name. A county whose name no other listed county has keeps its bare name.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { recordCheckDecision } from "../../src/workflow/precedents.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedInAdmin } from "./sign-in.ts";

const ELSEWHERE = "某省某地区";

/** The county names the page shows: headings of set-aside groups, and the 县 column of the active list. */
function countyNames(html: string): { headings: string[]; column: string[] } {
  const headings = [...html.matchAll(/<h3>([^<]*)<span class="meta">/g)].map((m) => m[1]!.trim());
  const column = [...html.matchAll(/<td class="county" data-label="县">([^<]*)<\/td>/g)].map((m) => m[1]!);
  return { headings, column };
}

describe("county names on the precedents page", () => {
  let store: SqlDutyStore;
  let admin: Client;
  let decide: (township: string, text: string, number: number) => Promise<void>;
  let cele: string;

  before(async () => {
    store = await openStore({ path: ":memory:" });
    const draft = await bundledDraft();
    cele = draft.region;
    await importEdition(store, draft, "test", { status: "published" });
    // 于田县 in the same region: a name of its own.
    const yutian = await bundledDraft();
    yutian.county = "于田县";
    yutian.township = "丙乡";
    await importEdition(store, yutian, "test", { status: "published" });
    // Another 策勒县, in another region.
    const twin = await bundledDraft();
    twin.region = ELSEWHERE;
    twin.township = "乙乡";
    await importEdition(store, twin, "test", { status: "published" });
    const db = workflowDb(store.db);
    const { id } = await addUser(db, { name: "shenhe", role: "admin" }, "test");
    const decider = (await principalOf(db, id))!;
    decide = async (township, text, number) => {
      const edition = (await store.getEdition(township))!;
      const answer = { text, verdict: "basic" as const, list: "basic" as const, number };
      await recordCheckDecision(db, decider, edition, answer, "correction");
    };
    await decide("策勒乡", "组织网格员对辖区独居老人逐户走访", 31);
    await decide("丙乡", "组织网格员对辖区留守儿童逐户走访", 31);
    admin = (await signedInAdmin(createApp({ store }), store)).client;
  });
  after(() => store.close());

  test("counties of different names are named bare", async () => {
    const page = await admin.get("/admin/precedents");
    assert.equal(page.status, 200);
    assert.deepEqual(countyNames(page.text).column.sort(), ["于田县", "策勒县"]);
    assert.doesNotMatch(page.text, new RegExp(`（${cele}）|（${ELSEWHERE}）`));
  });

  test("two listed counties of the same name are each named with their region; the other keeps its name", async () => {
    await decide("乙乡", "组织网格员对辖区困难群众逐户走访", 31);
    // A later edition of 乙乡 without 基本履职事项第31项: its precedent is set aside, under its county's heading.
    const later = await bundledDraft();
    later.region = ELSEWHERE;
    later.township = "乙乡";
    later.date = "2026-01";
    later.items = later.items.filter((i) => !(i.list === "basic" && i.number === 31));
    await importEdition(store, later, "test", { status: "published" });
    const page = await admin.get("/admin/precedents");
    const { headings, column } = countyNames(page.text);
    assert.deepEqual(headings, [`策勒县（${ELSEWHERE}）`], "the set-aside group names its region");
    assert.deepEqual(column.sort(), ["于田县", `策勒县（${cele}）`].sort(), "the active list too");
  });
});
