/**
 * Issue 10 row 4: the admins' page of precedents — those set aside because a later edition removed or moved
 * their item, listed per county with the reason, decided again or deleted; and those the checks apply,
 * newest first, filtered and paged, each one withdrawn with a click; all audited; on SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildIndex, setAsidePrecedents } from "../../src/match/index.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { precedentById, precedentsForEdition } from "../../src/store/precedents.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { listAudit } from "../../src/workflow/audit.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { recordCheckDecision, storePrecedents } from "../../src/workflow/precedents.ts";
import { addUser, principalOf } from "../../src/workflow/users.ts";
import { describeEachBackend } from "../support/stores.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { Client } from "../workflow/http-client.ts";
import { signedIn, signedInAdmin } from "./sign-in.ts";

const REMOVED = "组织网格员对辖区独居老人逐户走访，登记困难情况 <b>急</b>";
const MOVED = "各村做好宪法宣传日的普法宣传";
const UNLISTED = "请各乡镇派人到县城帮县委招待所打扫客房";

/** The page's two lists: the precedents set aside for review, then the active ones. */
function sections(html: string): { setAside: string; active: string } {
  const at = html.indexOf('id="active"');
  assert.ok(at > 0, "the page lists the active precedents");
  return { setAside: html.slice(0, at), active: html.slice(at) };
}

/** The active list's rows: each one's precedent id, in order. */
function rowIds(html: string): number[] {
  return [...sections(html).active.matchAll(/<tr id="p(\d+)"/g)].map((m) => Number(m[1]));
}

describeEachBackend("precedent review page", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;
  let township: Client;
  const ids: Record<string, number> = {};
  let movedName = "";

  before(async () => {
    store = await backend.open();
    const db = workflowDb(store.db);
    const draft = await bundledDraft();
    await importEdition(store, draft, "test", { status: "published" });
    const edition = (await store.getEdition("策勒乡"))!;
    const { id } = await addUser(db, { name: "shenhe", role: "admin" }, "test");
    const decider = (await principalOf(db, id))!;
    for (const [key, text, verdict, number] of [
      ["removed", REMOVED, "basic", 31],
      ["moved", MOVED, "basic", 40],
      ["unlisted", UNLISTED, "unlisted", null],
    ] as const) {
      const list = verdict === "unlisted" ? null : verdict;
      ids[key] = await recordCheckDecision(
        db,
        decider,
        edition,
        { text, verdict, list, number },
        "correction",
      );
    }
    // A later edition removes basic 31 and moves basic 40 to number 200.
    const next = await bundledDraft();
    next.date = "2026-01";
    next.items = next.items.filter((i) => !(i.list === "basic" && i.number === 31));
    const moved = next.items.find((i) => i.list === "basic" && i.number === 40)!;
    movedName = moved.name;
    moved.number = 200;
    await importEdition(store, next, "test", { status: "published" });
    app = createApp({ store });
    admin = (await signedInAdmin(app, store)).client;
    township = await signedIn(app, store, { name: "cele", role: "township", township: "策勒乡" });
  });
  after(() => store.close());

  test("only admins see the page; the workbench links to it", async () => {
    assert.match((await admin.get("/admission")).text, /href="\/admin\/precedents"/);
    assert.equal((await township.get("/admin/precedents")).status, 403);
    assert.equal((await township.getJson("/api/v1/admin/precedents")).status, 403);
    const anonymous = await new Client(app).get("/admin/precedents");
    assert.notEqual(anonymous.status, 200);
    assert.doesNotMatch(anonymous.text, /独居老人/);
    // Who may look is decided before what is asked: a bad page is refused as forbidden, not as invalid.
    assert.equal((await township.getJson("/api/v1/admin/precedents?page=0")).status, 403);
    assert.equal((await new Client(app).get(`/admin/precedents?q=${"长".repeat(200)}`)).status, 403);
  });

  test("lists the set-aside precedents per county with the reason, escaped; the applicable ones only among the active", async () => {
    const page = await admin.get("/admin/precedents");
    assert.equal(page.status, 200);
    const { setAside, active } = sections(page.text);
    assert.match(setAside, /策勒县.*先例 3 条，搁置待复核 2 条/s);
    assert.match(setAside, /基本履职事项第31项“[^”]+”已从清单中删除/);
    assert.match(setAside, new RegExp(`事项“${movedName}”已调整为基本履职事项第200项`));
    // Who decided: one clause after the answer, as the result pages say it.
    assert.match(setAside, /原认定：基本履职事项第31项“[^”]+”，由 shenhe 于 [^（）<]+ 认定/);
    assert.match(setAside, /&lt;b&gt;急&lt;\/b&gt;/);
    assert.doesNotMatch(page.text, /<b>急<\/b>/);
    // The applicable precedent is not for review: it is listed among those the checks apply.
    assert.doesNotMatch(setAside, /招待所/);
    assert.match(active, /招待所/);
    assert.doesNotMatch(active, /独居老人|宪法宣传日/);
    // The moved item's form is filled in with where it went.
    assert.match(setAside, /name="number"[^>]*value="200"/);
    const json = await admin.getJson("/api/v1/admin/precedents");
    const [county] = json.body.counties as {
      county: string;
      setAside: { precedent: { id: number }; townships: { township: string; reason: { kind: string } }[] }[];
    }[];
    assert.equal(county?.county, "策勒县");
    assert.deepEqual(
      county?.setAside.map((e) => [e.precedent.id, e.townships.map((t) => [t.township, t.reason.kind])]),
      [
        [ids.removed, [["策勒乡", "removed"]]],
        [ids.moved, [["策勒乡", "moved"]]],
      ],
    );
    const listed = json.body.active as { total: number; rows: { id: number; text: string }[] };
    assert.deepEqual([listed.total, listed.rows.map((p) => p.id)], [1, [ids.unlisted]]);
  });

  test("a bad re-decision is refused with the reason and changes nothing", async () => {
    await admin.get("/admin/precedents");
    const noItem = await admin.post(`/admin/precedents/${ids.moved}/review`, {
      township: "策勒乡",
      verdict: "basic",
      number: "999",
    });
    assert.equal(noItem.status, 400);
    assert.match(noItem.text, /没有基本履职事项第 999 项/);
    const noTownship = await admin.post(`/admin/precedents/${ids.moved}/review`, {
      township: "别的乡",
      verdict: "basic",
      number: "200",
    });
    assert.equal(noTownship.status, 400);
    const unknown = await admin.json("/api/v1/admin/precedents/987654/review", {
      township: "策勒乡",
      verdict: "unlisted",
    });
    assert.equal(unknown.status, 404);
    assert.equal((await listAudit(workflowDb(store.db), { action: "precedent.review" })).length, 0);
  });

  test("re-deciding applies the precedent to the current edition again, audited", async () => {
    await admin.get("/admin/precedents");
    const done = await admin.post(`/admin/precedents/${ids.moved}/review`, {
      township: "策勒乡",
      verdict: "basic",
      number: "200",
    });
    // Post/Redirect/Get: a reload of the page shown re-decides nothing.
    assert.equal(done.status, 303);
    assert.equal(done.location, `/admin/precedents?done=redecided&id=${ids.moved}`);
    const shown = await admin.get(done.location!);
    assert.match(shown.text, new RegExp(`第 ${ids.moved} 号先例已重新认定为基本履职事项第200项`));
    assert.match(shown.text, /搁置待复核 1 条/);
    const current = (await store.getEdition("策勒乡"))!;
    assert.equal(current.date, "2026-01");
    const precedents = await precedentsForEdition(store.db, current.id);
    assert.deepEqual(
      setAsidePrecedents(buildIndex(current.draft), precedents).map((p) => p.id),
      [ids.removed],
    );
    const moved = precedents.find((p) => p.id === ids.moved)!;
    assert.deepEqual([moved.item?.number, moved.decidedBy, moved.source], [200, "bianban", "review"]);
    const [entry] = await listAudit(workflowDb(store.db), { action: "precedent.review" });
    assert.equal(entry?.actor, "bianban");
    assert.equal(entry?.subject, `precedent:${ids.moved}`);
  });

  test("deleting a precedent removes it from the county, audited with what it said", async () => {
    await admin.get("/admin/precedents");
    await township.get("/admission/township"); // a fresh CSRF token: the refusal is about who, not the form
    const refused = await township.post(`/admin/precedents/${ids.removed}/delete`);
    assert.equal(refused.status, 403);
    assert.doesNotMatch(refused.text, /CSRF/);
    // 删除此先例… asks first; 取消 goes back to the precedent where it is set aside.
    assert.match(
      (await admin.get("/admin/precedents")).text,
      new RegExp(`href="/admin/precedents/${ids.removed}/delete">删除此先例…`),
    );
    const ask = await admin.get(`/admin/precedents/${ids.removed}/delete`);
    assert.match(ask.text, new RegExp(`<h1>删除第 ${ids.removed} 号先例？</h1>`));
    assert.match(ask.text, /独居老人/);
    assert.match(ask.text, new RegExp(`<a href="/admin/precedents#p${ids.removed}">取消</a>`));
    assert.match(ask.text, />确认删除</);
    const none = await admin.get("/admin/precedents/999999/delete");
    assert.equal(none.status, 404);
    assert.match(none.text, /第 999999 号先例已不存在/);
    const res = await admin.post(`/admin/precedents/${ids.removed}/delete`);
    // Post/Redirect/Get; a set-aside precedent (not applied anyway) is said deleted, as its page asked.
    assert.equal(res.status, 303);
    assert.equal(res.location, `/admin/precedents?done=deleted&id=${ids.removed}`);
    const page = await admin.get(res.location!);
    assert.match(page.text, new RegExp(`第 ${ids.removed} 号先例已删除。`));
    assert.doesNotMatch(page.text, /今后核验不再采用/);
    assert.match(page.text, /没有搁置待复核的先例/);
    const current = (await store.getEdition("策勒乡"))!;
    assert.deepEqual(
      (await precedentsForEdition(store.db, current.id)).map((p) => p.id).sort((a, b) => a - b),
      [ids.moved, ids.unlisted],
    );
    const [entry] = await listAudit(workflowDb(store.db), { action: "precedent.delete" });
    assert.match(entry?.before ?? "", /独居老人/);
  });
  test("the active precedents: newest first, with the item, who, when and how; filtered by wording; 50 to a page", async () => {
    const db = workflowDb(store.db);
    const { countyId } = (await precedentById(store.db, ids.unlisted!))!;
    const older = Array.from({ length: 60 }, (_, i) => ({
      countyId,
      text: `第${i + 1}条 请各乡镇转发<script>alert(1)</script>通知`,
      verdict: "unlisted" as const,
      item: null,
      source: "import" as const,
      decidedBy: "daoru",
      decidedAt: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(),
    }));
    const imported = await storePrecedents(db, "daoru", older);
    const first = await admin.get("/admin/precedents");
    assert.match(first.text, /现行先例<span class="meta">（62 条/);
    // The re-decided one is the latest decision, then the correction made at the start, then the import.
    assert.deepEqual(rowIds(first.text), [ids.moved, ids.unlisted, ...[...imported].reverse().slice(0, 48)]);
    const { active } = sections(first.text);
    const moved = /<tr id="p\d+".*?<\/tr>/s.exec(active)![0];
    assert.match(moved, new RegExp(`基本履职事项第200项“${movedName}”`));
    assert.match(moved, /bianban/);
    assert.match(moved, /复核/);
    assert.match(moved, /\d{4}\/\d{1,2}\/\d{1,2}/, "when it was decided");
    assert.match(
      active,
      new RegExp(`<a class="button quiet" href="/admin/precedents/${ids.unlisted}/delete"`),
      "each row can be withdrawn, a step that asks first",
    );
    assert.match(active, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(first.text, /<script>alert/);
    assert.match(active, /href="\/admin\/precedents\?page=2#active"/);
    const second = await admin.get("/admin/precedents?page=2");
    assert.deepEqual(rowIds(second.text), [...imported].reverse().slice(48));
    assert.match(second.text, /第 2 \/ 2 页/);
    const found = await admin.get(`/admin/precedents?q=${encodeURIComponent("第7条")}`);
    assert.deepEqual(rowIds(found.text), [imported[6]]);
    assert.match(found.text, /value="第7条"/, "the filter stays in its box");
    const hostile = await admin.get(`/admin/precedents?q=${encodeURIComponent('"><b>x')}`);
    assert.match(hostile.text, /value="&quot;&gt;&lt;b&gt;x"/);
    assert.doesNotMatch(hostile.text, /<b>x/);
    const byItem = await admin.get(`/admin/precedents?q=${encodeURIComponent(movedName)}`);
    assert.deepEqual(rowIds(byItem.text), [ids.moved]);
    const json = await admin.getJson(
      `/api/v1/admin/precedents?q=${encodeURIComponent("条 请各乡镇")}&page=2`,
    );
    const listed = json.body.active as { total: number; page: number; pages: number; rows: { id: number }[] };
    assert.deepEqual([listed.total, listed.page, listed.pages, listed.rows.length], [60, 2, 2, 10]);
    assert.equal((await township.get("/admin/precedents?q=x")).status, 403);
  });

  test("withdrawing an active precedent: the checks stop applying it, audited with what it said, the filter kept", async () => {
    const reason = async () => {
      const res = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: UNLISTED });
      return (res.body.tasks as { reason: string }[])[0]?.reason ?? "";
    };
    assert.match(await reason(), /同类任务已于/, "the check applies the precedent");
    const before = await admin.get(`/admin/precedents?q=${encodeURIComponent("招待所")}`);
    assert.deepEqual(rowIds(before.text), [ids.unlisted]);
    await township.get("/admission/township");
    const refused = await township.post(`/admin/precedents/${ids.unlisted}/delete`);
    assert.equal(refused.status, 403);
    assert.equal((await township.get(`/admin/precedents/${ids.unlisted}/delete`)).status, 403);
    // 撤销… asks first: what the precedent decided, and 确认 / 取消 back to the list with its filter.
    const filtered = `/admin/precedents/${ids.unlisted}/delete?q=${encodeURIComponent("招待所")}`;
    const ask = await admin.get(filtered);
    assert.equal(ask.status, 200);
    assert.match(ask.text, new RegExp(`<h1>撤销第 ${ids.unlisted} 号先例？</h1>`));
    assert.match(ask.text, /招待所/);
    assert.match(ask.text, /不能恢复/);
    assert.match(
      ask.text,
      new RegExp(`<form method="post" action="/admin/precedents/${ids.unlisted}/delete\\?q=%E6%8B%9B`),
    );
    assert.match(ask.text, /<a href="\/admin\/precedents\?q=%E6%8B%9B%E5%BE%85%E6%89%80#active">取消<\/a>/);
    assert.deepEqual(
      rowIds((await admin.get("/admin/precedents?q=%E6%8B%9B%E5%BE%85%E6%89%80")).text),
      [ids.unlisted],
      "asking deletes nothing",
    );
    const posted = await admin.post(filtered);
    // Post/Redirect/Get: the list with its filter, saying what was done; a reload withdraws nothing.
    assert.equal(posted.status, 303);
    assert.equal(
      posted.location,
      `/admin/precedents?q=%E6%8B%9B%E5%BE%85%E6%89%80&done=withdrawn&id=${ids.unlisted}`,
    );
    const done = await admin.get(posted.location!);
    assert.equal(done.status, 200);
    assert.match(done.text, new RegExp(`第 ${ids.unlisted} 号先例已撤销`));
    assert.deepEqual(rowIds(done.text), [], "the list is shown again with the same filter");
    assert.match(done.text, /value="招待所"/);
    const current = (await store.getEdition("策勒乡"))!;
    assert.ok(!(await precedentsForEdition(store.db, current.id)).some((p) => p.id === ids.unlisted));
    assert.doesNotMatch(await reason(), /同类任务已于/, "the check no longer applies it");
    const entries = await listAudit(workflowDb(store.db), { action: "precedent.delete" });
    const entry = entries.find((e) => e.subject === `precedent:${ids.unlisted}`);
    assert.equal(entry?.actor, "bianban");
    assert.match(entry?.before ?? "", /招待所/);
  });

  test("撤销 twice, or 重新认定 after 撤销 (a double click, another tab): the list again, saying it is gone, not an error page", async () => {
    const { rows } = (await admin.getJson("/api/v1/admin/precedents")).body.active as {
      rows: { id: number }[];
    };
    const id = rows[0]!.id;
    await admin.get("/admin/precedents");
    const first = await admin.json(`/api/v1/admin/precedents/${id}/delete`, {});
    assert.equal(first.status, 200);
    assert.equal(first.body.deleted, id);
    const audited = (await listAudit(workflowDb(store.db), { action: "precedent.delete" })).length;
    const again = await admin.post(`/admin/precedents/${id}/delete`);
    assert.match(again.text, /<h1>先例<\/h1>/, "the precedents page, not an error page");
    assert.match(again.text, new RegExp(`第 ${id} 号先例已不存在`));
    assert.equal((await listAudit(workflowDb(store.db), { action: "precedent.delete" })).length, audited);
    // The JSON twin still says not found.
    assert.equal((await admin.json(`/api/v1/admin/precedents/${id}/delete`, {})).status, 404);
    // 重新认定 of a precedent withdrawn meanwhile (another admin, another tab): the list, saying so.
    const redecided = await admin.post(`/admin/precedents/${id}/review`, {
      township: "策勒乡",
      verdict: "unlisted",
      number: "",
    });
    assert.equal(redecided.status, 404);
    assert.match(redecided.text, /<h1>先例<\/h1>/, "the precedents page, not an error page");
    assert.match(redecided.text, new RegExp(`第 ${id} 号先例已不存在`));
    // Anyone but an admin learns nothing of which ids exist.
    assert.equal((await township.post(`/admin/precedents/${id}/review`, { township: "策勒乡" })).status, 403);
  });

  test("撤销 one of two precedents of the same wording (stored before they were merged) says the other still applies", async () => {
    const task = "请督促辖区开锁店到派出所登记备案。";
    const check = `/t/${encodeURIComponent("策勒乡")}/check`;
    await township.get(check);
    const pick = { text: task, action: "correct", verdict: "basic", number: "69", shown: "basic:34" };
    await township.post(`${check}/decision`, pick);
    await township.post(`${check}/decision`, pick);
    const listed = async () =>
      (
        (await admin.getJson(`/api/v1/admin/precedents?q=${encodeURIComponent(task)}`)).body.active as {
          rows: { id: number }[];
        }
      ).rows;
    assert.equal((await listed()).length, 1, "选此项 clicked twice stores one precedent");
    // A database from before the merge may hold the same wording twice.
    const [row] = await store.db.selectFrom("precedents").selectAll().where("text", "=", task).execute();
    const { id: _, ...copy } = row!;
    await store.db.insertInto("precedents").values(copy).execute();
    const rows = await listed();
    assert.equal(rows.length, 2, "two precedents of the same wording");
    const [newer, older] = rows.map((r) => r.id);
    await admin.get("/admin/precedents");
    const posted = await admin.post(`/admin/precedents/${newer}/delete`);
    assert.equal(posted.status, 303);
    const done = await admin.get(posted.location!);
    assert.match(done.text, new RegExp(`第 ${newer} 号先例已撤销`));
    assert.match(done.text, new RegExp(`同一措辞还有第 ${older} 号先例，核验仍会采用`));
    assert.doesNotMatch(done.text, /今后核验不再采用/, "not told the wording is no longer applied");
    const again = await new Client(app).json("/api/v1/check", { township: "策勒乡", text: task });
    assert.match((again.body.tasks as { reason: string }[])[0]?.reason ?? "", /同类任务已于/, "as it says");
  });

  test("the message after a redirect is one of a fixed set, true of the store, never the address's own words", async () => {
    const { rows } = (await admin.getJson("/api/v1/admin/precedents")).body.active as {
      rows: { id: number }[];
    };
    const [kept, other] = rows.map((r) => r.id);
    // A forged address: says nothing of a precedent that is still there, nor of ids not applied.
    const forged = await admin.get(`/admin/precedents?done=withdrawn&id=${kept}&also=${other}`);
    assert.equal(forged.status, 200);
    assert.doesNotMatch(forged.text, /已撤销/);
    const unknown = await admin.get("/admin/precedents?done=%3Cscript%3E");
    assert.equal(unknown.status, 400);
    assert.doesNotMatch(unknown.text, /<script>/);
    // The filter and page carried by the form are parsed, so the redirect stays on this site.
    await admin.get("/admin/precedents");
    const posted = await admin.post(
      `/admin/precedents/${kept}/delete?q=${encodeURIComponent("//evil.example")}&page=2`,
    );
    assert.equal(posted.status, 303);
    assert.match(
      posted.location ?? "",
      /^\/admin\/precedents\?q=%2F%2Fevil\.example&page=2&done=withdrawn&id=\d+$/,
    );
    assert.match((await admin.get(posted.location!)).text, new RegExp(`第 ${kept} 号先例已撤销`));
  });
});
