/**
 * A decision on a saved check's task stores three things: the precedent, its audit entry, and the mark
 * that the check's task was decided. They are one transaction: when the mark cannot be stored (a failure
 * injected by a trigger on saved_check_decisions) nothing is stored, the precedent included.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "kysely";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { checkDecisionMarks } from "../../src/store/saved-checks.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { type Backend, describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import type { Client } from "../workflow/http-client.ts";
import { postCheck } from "./checked.ts";
import { signedIn } from "./sign-in.ts";

const CHECK = `/t/${encodeURIComponent("策勒乡")}/check`;
const FIRST = "请于6月10日前组织阿克吐格曼村网格员对辖区独居老人逐户走访，登记困难情况。";
const SECOND = "请于5月底前完成辖区自建房安全隐患排查。";
const NOTICE = `各乡镇：\n一、${FIRST}\n二、${SECOND}\n特此通知。`;

/** Makes every insert into saved_check_decisions fail, as a failure after the precedent was written would. */
async function refuseMarks(backend: Backend, store: SqlDutyStore): Promise<void> {
  if (backend.name === "sqlite") {
    await sql`create trigger refuse_marks before insert on saved_check_decisions
      begin select raise(abort, 'injected: no mark'); end`.execute(store.db);
    return;
  }
  await sql`create function refuse_marks() returns trigger language plpgsql as $$
      begin raise exception 'injected: no mark'; end $$`.execute(store.db);
  await sql`create trigger refuse_marks before insert on saved_check_decisions
      for each row execute function refuse_marks()`.execute(store.db);
}

async function allowMarks(backend: Backend, store: SqlDutyStore): Promise<void> {
  if (backend.name === "sqlite") await sql`drop trigger refuse_marks`.execute(store.db);
  else await sql`drop trigger refuse_marks on saved_check_decisions`.execute(store.db);
}

describeEachBackend("a decision on a saved check's task is stored whole or not at all", (backend) => {
  let store: SqlDutyStore;
  let cele: Client;
  let check: string;

  before(async () => {
    store = await backend.open();
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    const app = createApp({ store });
    cele = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
    await cele.get(CHECK);
    check = (await postCheck(cele, CHECK, { text: NOTICE })).id;
  });
  after(() => store.close());

  /** What a decision stores: precedents, their audit entries, the check's marks. */
  async function stored() {
    const db = workflowDb(store.db);
    const precedents = await db.selectFrom("precedents").select(["id", "text"]).orderBy("id").execute();
    const audited = await db
      .selectFrom("audit_log")
      .select(["action", "subject"])
      .where("action", "like", "precedent.%")
      .orderBy("id")
      .execute();
    return { precedents, audited, marks: await checkDecisionMarks(store.db, check) };
  }

  const decision = (text: string, at: string) => ({
    text,
    action: "correct",
    from: check,
    at,
    verdict: "basic",
    number: "31",
  });

  test("when the mark fails, neither the precedent nor its audit entry is stored", async () => {
    const earlier = await stored();
    await refuseMarks(backend, store);
    try {
      const res = await cele.post(`${CHECK}/decision`, decision(SECOND, "task-2"));
      assert.equal(res.status, 500);
    } finally {
      await allowMarks(backend, store);
    }
    assert.deepEqual(await stored(), earlier);
  });

  test("otherwise the precedent, its audit entry and the mark are all stored, and the answer is 303", async () => {
    const earlier = await stored();
    const res = await cele.post(`${CHECK}/decision`, decision(FIRST, "task-1"));
    assert.equal(res.status, 303);
    const precedent = Number(/[?&]precedent=(\d+)/.exec(res.location ?? "")?.[1]);
    assert.match(res.location ?? "", new RegExp(`check=${check}&precedent=${precedent}#task-1$`));
    const now = await stored();
    assert.deepEqual(now.precedents, [...earlier.precedents, { id: precedent, text: FIRST }]);
    assert.deepEqual(now.audited, [
      ...earlier.audited,
      { action: "precedent.correction", subject: `precedent:${precedent}` },
    ]);
    assert.deepEqual(
      now.marks.map((m) => [m.place, m.precedentId]),
      [["task-1", precedent]],
    );
  });
});
