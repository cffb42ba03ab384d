import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { runCli } from "../../src/cli/main.ts";
import type { Item } from "../../src/domain/edition.ts";
import { REFUSAL_EXIT } from "../../src/domain/refusal.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { type WorkflowDb, workflowDb } from "../../src/store/workflow-schema.ts";
import { applyAdjustment } from "../../src/workflow/apply.ts";
import { listAudit, verifyAudit } from "../../src/workflow/audit.ts";
import { diffEditions, wordDiff } from "../../src/workflow/diff.ts";
import { PublishBlocked, publishEdition } from "../../src/workflow/editions.ts";
import { WorkflowError } from "../../src/workflow/errors.ts";
import { itemHistory } from "../../src/workflow/history.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { townshipByName, workingEdition } from "../../src/workflow/places.ts";
import { prepublishProblems } from "../../src/workflow/prepublish.ts";
import type { Principal } from "../../src/workflow/principal.ts";
import { decideProposal, fileProposal } from "../../src/workflow/proposals.ts";
import { addComment, answerComment, openRound, roundsOf } from "../../src/workflow/review.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft, captureIO } from "./helpers.ts";

async function status(promise: Promise<unknown>): Promise<number> {
  const e = await promise.then(
    () => undefined,
    (x: unknown) => x,
  );
  assert.ok(e instanceof WorkflowError, `expected a refusal, got ${String(e)}`);
  return e.status;
}

const festival: Item = {
  list: "basic",
  number: 0,
  category: "乡村振兴",
  name: "举办石榴花节",
  local: true,
  remark: "个性",
};

describe("adjustments (pure)", () => {
  test("remove and move keep numbers contiguous; add goes to the end", () => {
    const draft = craftedDraft();
    const removed = applyAdjustment(draft, {
      kind: "remove",
      target: { list: "basic", number: 1, name: "加强基层党组织建设" },
    });
    assert.deepEqual(
      removed.items.filter((i) => i.list === "basic").map((i) => [i.number, i.name]),
      [[1, "举办石榴节"]],
    );
    const added = applyAdjustment(removed, { kind: "add", item: festival });
    assert.deepEqual(
      added.items.filter((i) => i.list === "basic").map((i) => i.number),
      [1, 2],
    );
    assert.deepEqual(prepublishProblems(added), []);
  });

  test("pre-publish checks name each problem", () => {
    const draft = craftedDraft();
    const coop = draft.items.find((i) => i.list === "cooperative")!;
    if (coop.list === "cooperative") {
      coop.leadDepartments = [];
      coop.townshipDuties = [];
    }
    const rec = draft.items.find((i) => i.list === "reclaimed" && i.takeover.departments.length > 0)!;
    if (rec.list === "reclaimed") rec.takeover = { ...rec.takeover, departments: [], none: false };
    draft.items.find((i) => i.list === "basic" && i.number === 2)!.number = 5;
    const messages = prepublishProblems(draft).map((p) => `${p.key} ${p.message}`);
    assert.ok(
      messages.some((m) => m.startsWith("cooperative:1 配合事项须至少有一个牵头")),
      messages.join("\n"),
    );
    assert.ok(messages.some((m) => m.includes("缺少乡镇（街道）配合职责")));
    assert.ok(messages.some((m) => m.includes("承接部门")));
    assert.ok(messages.some((m) => m.startsWith("basic 序号不连续")));
  });

  test("a removal renumbers the rest: listed as renumbered, not as changed; a rename is a change", () => {
    const before = craftedDraft();
    const after = applyAdjustment(before, {
      kind: "remove",
      target: { list: "basic", number: 1, name: "加强基层党组织建设" },
    });
    // Items are shared with `before` (adjustments copy the list, not the items): rename a copy.
    after.items = after.items.map((i) =>
      i.list === "cooperative" && i.number === 1 ? { ...i, name: `${i.name}和备案` } : i,
    );
    const diff = diffEditions(before, after);
    assert.deepEqual(
      diff.removed.map((r) => r.key),
      ["basic:1"],
    );
    assert.deepEqual(
      diff.renumbered.map((r) => `${r.before.key}→${r.after.key}`),
      ["basic:2→basic:1"],
    );
    assert.deepEqual(
      diff.changed.map((c) => [c.after.key, c.changes.map((ch) => ch.field)]),
      [["cooperative:1", ["name"]]],
    );
    assert.deepEqual(diff.changed[0]!.changes[0]!.pieces.at(-1), { text: "和备案", op: "add" });
  });

  test("word-level diff of Chinese text", () => {
    assert.deepEqual(wordDiff("组织开展防汛抗旱工作", "组织开展森林防火工作"), [
      { text: "组织开展", op: "same" },
      { text: "防汛抗旱", op: "del" },
      { text: "森林防火", op: "add" },
      { text: "工作", op: "same" },
    ]);
  });
});

describeEachBackend("adjustment, review rounds and publishing", (backend) => {
  let store: SqlDutyStore;
  let db: WorkflowDb;
  const who: Record<string, Principal> = {};

  test("a township proposes a local item → accepted into a draft → a review round → published → diff and history", async () => {
    store = await backend.open();
    db = workflowDb(store.db);
    const base = await bundledDraft();
    await importEdition(store, base, "test", { status: "published" });
    const other = craftedDraft();
    await importEdition(store, other, "test", { status: "published" });
    for (const [name, input] of [
      ["admin", { role: "admin" }],
      ["cele", { role: "township", township: "策勒乡" }],
      ["ceshi", { role: "township", township: "测试乡" }],
      ["yingji", { role: "department", department: "县应急管理局" }],
    ] as const) {
      const { id } = await addUser(db, { name, ...input }, "test");
      who[name] = (await principalOf(db, id))!;
    }
    const cele = await townshipByName(db, "策勒乡");
    const input = { kind: "add" as const, item: festival, township: cele, reason: "本乡特色产业" };

    assert.equal(await status(fileProposal(db, store, who.ceshi!, input)), 403);
    assert.equal(await status(fileProposal(db, store, null, input)), 403);
    const p = await fileProposal(db, store, who.cele!, input);
    assert.equal(await status(decideProposal(db, who.cele!, p.id, { accept: true })), 403);
    assert.equal(await status(decideProposal(db, who.admin!, p.id, { accept: false })), 400);
    const accepted = await decideProposal(db, who.admin!, p.id, { accept: true });
    const draft = (await workingEdition(db, store, cele.id))!;
    assert.equal(accepted.editionDate, draft.date);
    assert.equal(draft.status, "draft");
    assert.equal(draft.counts.basic, 117);
    assert.equal((await store.getEdition("策勒乡"))?.counts.basic, 116, "the published edition is unchanged");

    // A department removal proposal, rejected with a reason.
    const removal = await fileProposal(db, store, who.yingji!, {
      kind: "remove",
      target: { list: "basic", number: 1, name: "" },
      township: cele,
      reason: "重复",
    });
    assert.equal(
      (await decideProposal(db, who.admin!, removal.id, { accept: false, reason: "不重复" })).status,
      "rejected",
    );

    // Review round: draft → review; comments by township and department; the admin answers.
    assert.equal(await status(openRound(db, who.cele!, cele, draft.date)), 403);
    const round = await openRound(db, who.admin!, cele, draft.date);
    assert.equal(round.number, 1);
    assert.equal(await status(addComment(db, store, who.ceshi!, round.id, "basic:117", "x")), 403);
    const c1 = await addComment(db, store, who.cele!, round.id, "basic:117", "建议写明举办时间");
    await addComment(db, store, who.yingji!, round.id, "", "无意见");
    assert.equal(await status(addComment(db, store, who.cele!, round.id, "basic:999", "x")), 400);
    assert.equal(await status(answerComment(db, who.cele!, c1, "好")), 403);
    assert.equal(await status(publishEdition(db, store, who.admin!, cele, draft.date)), 409);
    await answerComment(db, who.admin!, c1, "已采纳，时间由乡里每年确定");
    const rounds = await roundsOf(db, cele.id, draft.date);
    assert.equal(rounds[0]!.comments.length, 2);
    await answerComment(db, who.admin!, rounds[0]!.comments[1]!.id, "收到");

    assert.equal(await status(publishEdition(db, store, who.cele!, cele, draft.date)), 403);
    const published = await publishEdition(db, store, who.admin!, cele, draft.date);
    const editions = await store.listEditions("策勒乡");
    assert.deepEqual(editions.map((e) => e.status).sort(), ["published", "superseded"]);
    assert.equal((await store.getEditionById(published.published))?.counts.basic, 117);

    const diff = diffEditions(base, (await store.getEditionById(published.published))!.draft);
    assert.deepEqual(
      diff.added.map((a) => [a.key, a.name]),
      [["basic:117", "举办石榴花节"]],
    );
    assert.deepEqual([diff.removed.length, diff.moved.length, diff.changed.length], [0, 0, 0]);
    assert.equal(diff.totals.after.basic.items - diff.totals.before.basic.items, 1);

    const history = await itemHistory(db, store, null, cele, draft.date, "basic:117");
    assert.deepEqual(
      history.map((h) => h.event),
      ["absent", "added"],
    );
    const older = await itemHistory(db, store, null, cele, "2025-07", "basic:5");
    assert.deepEqual(
      older.map((h) => h.event),
      ["first", "unchanged"],
    );
    // Only review → published: a superseded edition cannot be published again.
    assert.equal(await status(publishEdition(db, store, who.admin!, cele, "2025-07")), 409);
    assert.equal((await verifyAudit(db)).ok, true);
    await store.close();
  });

  test("a county-wide proposal goes into the draft of every township of the county", async () => {
    store = await backend.open();
    db = workflowDb(store.db);
    for (const township of ["甲乡", "乙乡"]) {
      await importEdition(store, craftedDraft({ township }), "test", { status: "published" });
    }
    const { id } = await addUser(db, { name: "admin", role: "admin" }, "test");
    const admin = (await principalOf(db, id))!;
    const { id: tid } = await addUser(db, { name: "jia", role: "township", township: "甲乡" }, "test");
    const jia = (await principalOf(db, tid))!;
    const county = (await townshipByName(db, "甲乡")).countyId;
    const input = {
      kind: "add" as const,
      item: festival,
      township: null,
      countyId: county,
      reason: "全县统一",
    };
    assert.equal(await status(fileProposal(db, store, jia, input)), 403);
    const p = await fileProposal(db, store, admin, input);
    await decideProposal(db, admin, p.id, { accept: true });
    for (const name of ["甲乡", "乙乡"]) {
      const draft = await workingEdition(db, store, (await townshipByName(db, name)).id);
      assert.deepEqual(
        draft?.draft.items.filter((i) => i.list === "basic").map((i) => i.name),
        ["加强基层党组织建设", "举办石榴节", "举办石榴花节"],
        name,
      );
    }
    await store.close();
  });

  test("publishing is blocked by the pre-publish checks, with problems per item", async () => {
    store = await backend.open();
    db = workflowDb(store.db);
    const broken = craftedDraft();
    broken.items = broken.items.filter((i) => !(i.list === "basic" && i.number === 1));
    await importEdition(store, broken, "test");
    const township = await townshipByName(db, "测试乡");
    const error = await publishEdition(db, store, null, township, "2025-07", {
      fromDraft: true,
      actor: "cli",
    }).catch((e) => e);
    assert.ok(error instanceof PublishBlocked);
    assert.deepEqual(
      error.problems.map((p) => p.key),
      ["basic"],
    );
    assert.equal((await store.getEdition("测试乡"))?.status, "draft");
    await store.close();
  });
});

describe("lvzhi publish", () => {
  test("publishes an imported draft from an effective date; the lifecycle refuses a second publish", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-publish-"));
    const path = join(dir, "p.db");
    const store = await openStore({ path });
    await importEdition(store, craftedDraft(), "test");
    await store.close();
    let io = captureIO();
    assert.equal(
      await runCli(["publish", "测试乡", "2025-07", "--effective", "2025-08-01", "--db", path], io),
      0,
      io.stderr,
    );
    assert.match(io.stdout, /已发布 测试乡 2025-08-01 版/);
    const after = await openStore({ path });
    assert.deepEqual(
      (await after.listEditions("测试乡")).map((e) => [e.date, e.status]),
      [["2025-08-01", "published"]],
    );
    const actions = (await listAudit(workflowDb(after.db))).map((e) => e.action).reverse();
    assert.deepEqual(actions, [
      "edition.import",
      "edition.submit",
      "edition.effective_date",
      "edition.publish",
    ]);
    await after.close();
    io = captureIO();
    // A conflict (wrong state), not a crash: the refusal's exit code.
    assert.equal(await runCli(["publish", "测试乡", "2025-08-01", "--db", path], io), REFUSAL_EXIT.conflict);
    assert.match(io.stderr, /只有审核中的清单可以发布/);
  });
});
