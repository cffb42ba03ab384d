import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { sql } from "kysely";
import { runCli } from "../../src/cli/main.ts";
import { Refusal } from "../../src/domain/refusal.ts";
import { buildIndex, checkWithPrecedents, setAsidePrecedents } from "../../src/match/index.ts";
import { openStore, type SqlDutyStore, type StoredEdition } from "../../src/store/index.ts";
import { precedentsForEdition } from "../../src/store/precedents.ts";
import { checkDecisionMarks, saveCheck } from "../../src/store/saved-checks.ts";
import { type WorkflowDb, workflowDb } from "../../src/store/workflow-schema.ts";
import { decideAdmission, fileAdmission } from "../../src/workflow/admission.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { recordCheckDecision } from "../../src/workflow/precedents.ts";
import type { Principal } from "../../src/workflow/principal.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { type Backend, describeEachBackend, PG_TEST_URL } from "../support/stores.ts";
import { bundledDraft, captureIO, TASKS } from "./helpers.ts";

/** A task the engine alone does not answer as decided (basic 31), and the same task reissued: other date, count, villages. */
const DECIDED =
  "请于2025年6月10日前组织阿克吐格曼村、恰哈村网格员对辖区独居老人逐户走访，登记5人以上的困难情况，收到请回复。";
const REISSUED = "各乡镇：7月3日前组织喀尔墩村网格员对辖区独居老人逐户走访，登记12人以上的困难情况。";
const UNRELATED = "请各乡镇做好秋季重大动物疫病强制免疫工作";

/** A store location the CLI can open (a SQLite file, or a PostgreSQL schema of its own), and its cleanup. */
async function cliLocation(
  backend: Backend,
): Promise<{ args: string[]; open: () => Promise<SqlDutyStore>; done: () => Promise<void> }> {
  if (backend.name === "postgres" && PG_TEST_URL) {
    const schema = `t_prec_${process.pid}_${randomBytes(3).toString("hex")}`;
    const url = `${PG_TEST_URL}${PG_TEST_URL.includes("?") ? "&" : "?"}schema=${schema}`;
    return {
      args: ["--database-url", url],
      open: () => openStore({ databaseUrl: url }),
      done: async () => {
        const store = await openStore({ databaseUrl: url });
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
        await store.close();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-prec-"));
  const path = join(dir, "lvzhi.db");
  return {
    args: ["--db", path],
    open: () => openStore({ path }),
    done: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

describeEachBackend("precedents", (backend) => {
  let store: SqlDutyStore;
  let db: WorkflowDb;
  let edition: StoredEdition;
  const who: Record<string, Principal> = {};

  async function setUp() {
    store = await backend.open();
    db = workflowDb(store.db);
    await importEdition(store, await bundledDraft(), "test", { status: "published" });
    edition = (await store.getEdition("策勒乡"))!;
    for (const [name, input] of [
      ["admin", { role: "admin" }],
      ["cele", { role: "township", township: "策勒乡" }],
      ["yingji", { role: "department", department: "县应急管理局" }],
    ] as const) {
      const { id } = await addUser(db, { name, ...input }, "test");
      who[name] = (await principalOf(db, id))!;
    }
  }

  test("a correction is applied to the same task with other dates, numbers and village names, and audited", async () => {
    await setUp();
    try {
      const index = buildIndex(edition.draft);
      assert.notEqual(checkWithPrecedents(index, REISSUED, []).verdict, "basic");
      const answer = { text: DECIDED, verdict: "basic", list: "basic", number: 31 };
      await recordCheckDecision(db, who.cele!, edition, answer, "correction");
      const precedents = await precedentsForEdition(store.db, edition.id);
      assert.equal(precedents.length, 1);

      const reissued = checkWithPrecedents(index, REISSUED, precedents);
      assert.equal(reissued.verdict, "basic");
      assert.equal(reissued.item?.number, 31);
      assert.match(
        reissued.reason,
        /^同类任务已于 \d{4}-\d{2}-\d{2} 认定为基本履职事项第31项“做好老年人权益保障工作.*”（cele）。$/,
      );
      assert.equal(reissued.precedent?.id, precedents[0]!.id);
      const unrelated = checkWithPrecedents(index, UNRELATED, precedents);
      assert.equal(unrelated.precedent, undefined);
      assert.deepEqual(unrelated, checkWithPrecedents(index, UNRELATED, []));

      const [entry] = await listAudit(db, { action: "precedent.correction" });
      assert.equal(entry?.actor, "cele");
      assert.match(entry?.after ?? "", /独居老人/);
    } finally {
      await store.close();
    }
  });

  test("a wording decided twice (a double submit, a change of mind) is one precedent: the latest decision", async () => {
    await setUp();
    try {
      const answer = { text: DECIDED, verdict: "basic", list: "basic", number: 31 };
      const first = await recordCheckDecision(db, who.cele!, edition, answer, "correction");
      assert.equal(await recordCheckDecision(db, who.cele!, edition, answer, "correction"), first);
      const changed = { text: DECIDED, verdict: "unlisted", list: null, number: null };
      assert.equal(await recordCheckDecision(db, who.admin!, edition, changed, "correction"), first);
      const precedents = await precedentsForEdition(store.db, edition.id);
      assert.equal(precedents.length, 1);
      assert.equal(precedents[0]!.verdict, "unlisted");
      assert.equal(precedents[0]!.decidedBy, "admin");
      assert.equal(checkWithPrecedents(buildIndex(edition.draft), REISSUED, precedents).verdict, "unlisted");
      // Every decision is still audited, on the one precedent.
      const audited = await listAudit(db, { action: "precedent.correction" });
      assert.equal(audited.length, 3);
      assert.ok(audited.every((e) => e.subject === `precedent:${first}`));
      // Another wording is a precedent of its own.
      const other = { text: UNRELATED, verdict: "unlisted", list: null, number: null };
      assert.notEqual(await recordCheckDecision(db, who.cele!, edition, other, "correction"), first);
    } finally {
      await store.close();
    }
  });

  test("a decision made on a saved check's task marks it decided; a mark that cannot be stored stores nothing", async () => {
    await setUp();
    try {
      const answer = { text: DECIDED, verdict: "basic", list: "basic", number: 31 };
      const decidedAt = new Date("2026-03-02T03:04:00Z");
      // No such saved check: the mark breaks its foreign key after the precedent and its audit entry were written.
      const nowhere = { checkId: "0".repeat(32), place: "task-1" };
      await assert.rejects(
        recordCheckDecision(db, who.cele!, edition, answer, "correction", decidedAt, nowhere),
      );
      assert.deepEqual(await precedentsForEdition(store.db, edition.id), []);
      assert.deepEqual(await listAudit(db, { action: "precedent.correction" }), []);

      const checkId = await saveCheck(store.db, {
        authorId: who.cele!.id,
        authorName: "cele",
        townshipId: edition.townshipId,
        editionId: edition.id,
        township: edition.draft.township,
        county: edition.draft.county,
        editionDate: edition.draft.date,
        taskCount: 1,
        summary: DECIDED,
        body: "{}",
        createdAt: decidedAt.toISOString(),
      });
      const on = { checkId, place: "task-1" };
      const id = await recordCheckDecision(db, who.cele!, edition, answer, "correction", decidedAt, on);
      assert.deepEqual(
        (await precedentsForEdition(store.db, edition.id)).map((p) => p.id),
        [id],
      );
      assert.equal((await listAudit(db, { action: "precedent.correction" }))[0]?.subject, `precedent:${id}`);
      assert.deepEqual(await checkDecisionMarks(store.db, checkId), [
        { place: "task-1", precedentId: id, decidedAt: decidedAt.toISOString() },
      ]);
    } finally {
      await store.close();
    }
  });

  test("a confirmed item is answered with the edition's item; a department may not decide", async () => {
    await setUp();
    try {
      const answer = { text: DECIDED, verdict: "basic", list: "basic", number: 31 };
      await assert.rejects(
        recordCheckDecision(db, who.yingji!, edition, answer, "confirmation"),
        (e: unknown) => e instanceof Refusal && e.code === "forbidden",
      );
      await assert.rejects(
        recordCheckDecision(db, who.admin!, edition, { ...answer, number: 999 }, "confirmation"),
        (e: unknown) => e instanceof Refusal && e.code === "invalid",
      );
      await recordCheckDecision(db, who.admin!, edition, answer, "confirmation");
      const result = checkWithPrecedents(
        buildIndex(edition.draft),
        REISSUED,
        await precedentsForEdition(store.db, edition.id),
      );
      const item = edition.draft.items.find((i) => i.list === "basic" && i.number === 31)!;
      assert.deepEqual(result.item, { list: "basic", number: 31, name: item.name });
      assert.match(result.reason, new RegExp(`认定为基本履职事项第31项“${item.name}”（admin）`));
    } finally {
      await store.close();
    }
  });

  test("a precedent is set aside, never applied, when a new edition removes its item", async () => {
    await setUp();
    try {
      await recordCheckDecision(
        db,
        who.admin!,
        edition,
        { text: DECIDED, verdict: "basic", list: "basic", number: 31 },
        "correction",
      );
      const next = await bundledDraft();
      next.date = "2026-01";
      next.items = next.items.filter((i) => !(i.list === "basic" && i.number === 31));
      await importEdition(store, next, "test", { status: "published" });
      const newer = (await store.getEdition("策勒乡", "2026-01"))!;
      const precedents = await precedentsForEdition(store.db, newer.id);
      const index = buildIndex(newer.draft);
      assert.deepEqual(
        setAsidePrecedents(index, precedents).map((p) => p.id),
        precedents.map((p) => p.id),
      );
      const result = checkWithPrecedents(index, REISSUED, precedents);
      assert.equal(result.precedent, undefined);
      assert.doesNotMatch(result.reason, /同类任务/);
    } finally {
      await store.close();
    }
  });

  test("an admission decision is remembered for the county", async () => {
    await setUp();
    try {
      const request = await fileAdmission(db, store, who.yingji!, {
        task: TASKS.unlisted,
        reason: "县委安排",
        basis: "县委办〔2025〕12号",
        townships: ["策勒乡"],
        durationDays: 30,
      });
      await decideAdmission(db, who.admin!, request.id, { action: "reject", reason: "不属乡镇职责" });
      const precedents = await precedentsForEdition(store.db, edition.id);
      assert.deepEqual(
        precedents.map((p) => [p.text, p.verdict, p.item, p.decidedBy, p.source]),
        [[TASKS.unlisted, "unlisted", null, "admin", "admission"]],
      );
      assert.equal((await listAudit(db, { action: "precedent.admission" })).length, 1);
    } finally {
      await store.close();
    }
  });

  test("CLI: import and export round-trip; a bad line is refused with file:line and nothing is stored", async () => {
    const location = await cliLocation(backend);
    const dir = mkdtempSync(join(tmpdir(), "lvzhi-prec-files-"));
    try {
      const seeded = await location.open();
      await importEdition(seeded, await bundledDraft(), "test", { status: "published" });
      await seeded.close();
      const lines = [
        { text: DECIDED, verdict: "unlisted", list: null, number: null },
        { text: UNRELATED, verdict: "basic", list: "basic", number: 31 },
      ];
      const good = join(dir, "good.jsonl");
      writeFileSync(good, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
      const bad = join(dir, "bad.jsonl");
      writeFileSync(
        bad,
        `${JSON.stringify(lines[0])}\n\n${JSON.stringify({ text: "x", verdict: "maybe" })}\n{oops\n`,
      );

      const refused = captureIO();
      assert.equal(await runCli(["precedent", "import", bad, ...location.args], refused), 2);
      assert.match(refused.stderr, new RegExp(`${bad.replace(/[.\\]/g, "\\$&")}:3: .*verdict`));
      assert.match(refused.stderr, /bad\.jsonl:4: 不是 JSON/);
      const empty = captureIO();
      assert.equal(await runCli(["precedent", "export", ...location.args], empty), 0);
      assert.equal(empty.stdout, "");

      const imported = captureIO();
      assert.equal(
        await runCli(["precedent", "import", good, ...location.args], imported),
        0,
        imported.stderr,
      );
      assert.match(imported.stdout, /已导入 2 条先例/);
      const out = join(dir, "out.jsonl");
      assert.equal(await runCli(["precedent", "export", "--out", out, ...location.args], captureIO()), 0);
      assert.deepEqual(
        readFileSync(out, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l)),
        lines,
      );
      const listed = captureIO();
      assert.equal(await runCli(["precedent", "list", ...location.args], listed), 0);
      assert.match(listed.stdout, /先例 2 条，其中搁置待复核 0 条/);

      const checked = captureIO();
      assert.equal(await runCli(["check", REISSUED, "--json", ...location.args], checked), 0);
      assert.equal(JSON.parse(checked.stdout).verdict, "unlisted");
      assert.match(JSON.parse(checked.stdout).reason, /同类任务已于/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await location.done();
    }
  });
});
