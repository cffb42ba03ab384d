/**
 * County names repeat across China (counties are keyed by region and name): the precedents page weighs a
 * county's precedents against that county's townships only, never against a same-named county elsewhere.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Refusal } from "../../src/domain/refusal.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { precedentById } from "../../src/store/precedents.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { precedentReview, redecide } from "../../src/workflow/precedent-review.ts";
import { recordCheckDecision } from "../../src/workflow/precedents.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { bundledDraft } from "./helpers.ts";

let store: SqlDutyStore;
let adminId: number;
before(async () => {
  store = await openStore({ path: ":memory:" });
  await importEdition(store, await bundledDraft(), "test", { status: "published" });
  // Another 策勒县, in another region, whose lists have no 基本履职事项第31项.
  const elsewhere = await bundledDraft();
  elsewhere.region = "某省某地区";
  elsewhere.township = "乙乡";
  elsewhere.items = elsewhere.items.filter((i) => !(i.list === "basic" && i.number === 31));
  await importEdition(store, elsewhere, "test", { status: "published" });
});
after(() => store.close());

test("a precedent is set aside only by its own county's editions, not by a same-named county elsewhere", async () => {
  const db = workflowDb(store.db);
  const { id } = await addUser(db, { name: "shenhe", role: "admin" }, "test");
  adminId = id;
  const admin = (await principalOf(db, id))!;
  const edition = (await store.getEdition("策勒乡"))!;
  const text = "组织网格员对辖区独居老人逐户走访";
  await recordCheckDecision(
    db,
    admin,
    edition,
    { text, verdict: "basic", list: "basic", number: 31 },
    "correction",
  );
  const counties = await precedentReview(store, admin);
  const own = counties.filter((c) => c.precedents > 0);
  assert.equal(own.length, 1, "only the county that has the precedent");
  assert.deepEqual(own[0]?.townships, ["策勒乡"], "its own townships only");
  assert.deepEqual(own[0]?.setAside, [], "乙乡 of the other 策勒县 does not set it aside");
  assert.deepEqual(
    own[0]?.active.map((p) => p.text),
    [text],
  );
});

test("a precedent is not re-decided against a township of a same-named county elsewhere", async () => {
  const db = workflowDb(store.db);
  const admin = (await principalOf(db, adminId))!;
  const [county] = (await precedentReview(store, admin)).filter((c) => c.precedents > 0);
  const precedent = county!.active[0]!;
  await assert.rejects(
    redecide(db, store, admin, precedent.id, { township: "乙乡", verdict: "basic", number: 30 }),
    (e: unknown) => e instanceof Refusal && e.code === "invalid",
  );
  assert.equal((await precedentById(store.db, precedent.id))?.item?.number, 31, "unchanged");
});

test("a township of the same county and township names elsewhere does not break the page", async () => {
  const twin = await bundledDraft();
  twin.region = "某省某地区";
  await importEdition(store, twin, "test", { status: "published" });
  const admin = (await principalOf(workflowDb(store.db), adminId))!;
  const counties = await precedentReview(store, admin);
  const own = counties.filter((c) => c.precedents > 0);
  assert.deepEqual(own[0]?.townships, ["策勒乡"], "its own 策勒乡 only");
  assert.equal(own[0]?.active.length, 1);
});

test("with a same-named 策勒乡 elsewhere, a precedent is still re-decided against its own county's 策勒乡", async () => {
  const db = workflowDb(store.db);
  const admin = (await principalOf(db, adminId))!;
  const [county] = (await precedentReview(store, admin)).filter((c) => c.precedents > 0);
  const precedent = county!.active[0]!;
  const done = await redecide(db, store, admin, precedent.id, {
    township: "策勒乡",
    verdict: "basic",
    number: 30,
  });
  assert.equal(done.item?.number, 30);
});
