import assert from "node:assert/strict";
import { test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { type WorkflowDb, workflowDb } from "../../src/store/workflow-schema.ts";
import {
  admissionStats,
  approvedFor,
  decideAdmission,
  fileAdmission,
  listAdmissions,
  readAdmission,
} from "../../src/workflow/admission.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { WorkflowError } from "../../src/workflow/errors.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import type { Principal } from "../../src/workflow/principal.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft, TASKS } from "./helpers.ts";

async function status(promise: Promise<unknown>): Promise<number> {
  const e = await promise.then(
    () => undefined,
    (x: unknown) => x,
  );
  assert.ok(e instanceof WorkflowError, `expected a refusal, got ${String(e)}`);
  return e.status;
}

describeEachBackend("admission", (backend) => {
  let store: SqlDutyStore;
  let db: WorkflowDb;
  const who: Record<string, Principal> = {};

  async function setUp() {
    store = await backend.open();
    db = workflowDb(store.db);
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    for (const [name, input] of [
      ["admin", { role: "admin" }],
      ["cele", { role: "township", township: "策勒乡" }],
      ["yingji", { role: "department", department: "县应急管理局" }],
      ["shangwu", { role: "department", department: "县商务和工业信息化局" }],
    ] as const) {
      const { id } = await addUser(db, { name, ...input }, "test");
      who[name] = (await principalOf(db, id))!;
    }
  }

  const request = (task: string) => ({
    task,
    reason: "县委安排",
    basis: "县委办〔2025〕12号",
    townships: ["策勒乡"],
    durationDays: 30,
  });

  test("the check answers, refuses or queues at once; the admin approves for a time; the township sees it", async () => {
    await setUp();
    const basic = await fileAdmission(db, store, who.yingji!, request(TASKS.basic));
    assert.equal(basic.status, "answered");
    assert.equal(basic.townships[0]?.result.item?.list, "basic");

    const reclaimed = await fileAdmission(db, store, who.yingji!, request(TASKS.reclaimed));
    assert.equal(reclaimed.status, "refused");
    assert.equal(reclaimed.townships[0]?.result.item?.number, 36);

    const unlisted = await fileAdmission(db, store, who.shangwu!, request(TASKS.unlisted));
    assert.equal(unlisted.status, "pending");
    assert.deepEqual(
      (await listAdmissions(db, who.admin!, { status: "pending" })).map((a) => a.id),
      [unlisted.id],
    );

    const now = new Date();
    const approved = await decideAdmission(db, who.admin!, unlisted.id, { action: "approve", days: 30 }, now);
    assert.equal(approved.status, "approved");
    assert.equal(Date.parse(approved.expiresAt!) - now.getTime(), 30 * 86_400_000);
    const township = who.cele!.townshipId!;
    assert.deepEqual(
      (await approvedFor(db, township)).map((a) => a.id),
      [unlisted.id],
    );
    assert.deepEqual(await approvedFor(db, township, new Date(now.getTime() + 31 * 86_400_000)), []);
    assert.equal((await readAdmission(db, who.cele!, unlisted.id)).task, TASKS.unlisted);

    // Decided once only; a refused (reclaimed) request is never admitted: there is no override (issue 12).
    assert.equal(
      await status(decideAdmission(db, who.admin!, unlisted.id, { action: "reject", reason: "x" })),
      409,
    );
    assert.equal(
      await status(
        decideAdmission(db, who.admin!, reclaimed.id, { action: "approve", reason: "防火期", days: 7 }),
      ),
      409,
    );
    assert.equal((await readAdmission(db, who.admin!, reclaimed.id)).status, "refused");

    const stats = await admissionStats(db, who.admin!);
    const yingji = stats.find((s) => s.department === "县应急管理局")!;
    assert.deepEqual([yingji.requests, yingji.reclaimed, yingji.reclaimedShare], [2, 1, 0.5]);
    const actions = (await listAudit(db)).map((e) => e.action);
    for (const a of ["admission.file", "admission.approve"]) assert.ok(actions.includes(a), a);
    await store.close();
  });

  test("forbidden actions are refused with 403", async () => {
    await setUp();
    const filed = await fileAdmission(db, store, who.shangwu!, request(TASKS.unlisted));
    // Only departments file; only admins decide or see statistics.
    assert.equal(await status(fileAdmission(db, store, who.cele!, request(TASKS.unlisted))), 403);
    assert.equal(await status(fileAdmission(db, store, who.admin!, request(TASKS.unlisted))), 403);
    assert.equal(await status(fileAdmission(db, store, null, request(TASKS.unlisted))), 403);
    assert.equal(await status(decideAdmission(db, who.shangwu!, filed.id, { action: "approve" })), 403);
    assert.equal(await status(decideAdmission(db, who.cele!, filed.id, { action: "approve" })), 403);
    assert.equal(await status(admissionStats(db, who.yingji!)), 403);
    // A department sees its own requests only.
    assert.equal(await status(readAdmission(db, who.yingji!, filed.id)), 403);
    assert.deepEqual(await listAdmissions(db, who.yingji!), []);
    // A township sees every request that names it, whatever its outcome (issue 12).
    assert.equal((await readAdmission(db, who.cele!, filed.id)).id, filed.id);
    assert.deepEqual(
      (await listAdmissions(db, who.cele!)).map((a) => a.id),
      [filed.id],
    );
    // Bad input: unknown township, no townships, wrong duration.
    assert.equal(
      await status(fileAdmission(db, store, who.shangwu!, { ...request("x"), townships: ["无此乡"] })),
      400,
    );
    assert.equal(
      await status(fileAdmission(db, store, who.shangwu!, { ...request("x"), townships: [] })),
      400,
    );
    assert.equal(
      await status(fileAdmission(db, store, who.shangwu!, { ...request("x"), durationDays: 0 })),
      400,
    );
    await store.close();
  });
});
