/**
 * Issue 12: a department's proposal to add a co-lead to a cooperative item (配合履职事项第 86 项, 县水利局
 * with 5 department and 5 township steps) dropped 3 of 5 steps on each side, and the queue showed nothing.
 * Now the change form starts from the item as published, every step in its own field; the queue and the
 * diff show only the lead added; review and publish keep every step. On SQLite and PostgreSQL.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { CooperativeItem } from "../../src/domain/edition.ts";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { asFields, formFields } from "../support/forms.ts";
import { describeEachBackend } from "../support/stores.ts";
import { signedIn, signedInAdmin } from "../web/sign-in.ts";
import { bundledDraft } from "./helpers.ts";
import type { Client } from "./http-client.ts";

const T = encodeURIComponent("策勒乡");

describeEachBackend("issue 12: adding a co-lead keeps every step", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  let admin: Client;
  let shuili: Client;
  let original: CooperativeItem;

  before(async () => {
    store = await backend.open();
    const draft = await bundledDraft();
    original = draft.items.find((i) => i.list === "cooperative" && i.number === 86) as CooperativeItem;
    await importEdition(store, draft, "system", { status: "published" });
    app = createApp({ store });
    admin = (await signedInAdmin(app, store)).client;
    shuili = await signedIn(app, store, { name: "shuili", role: "department", department: "县水利局" });
  });
  after(() => store.close());

  test("the change form starts from the item as published, one field per step, only its list's fields", async () => {
    const res = await shuili.get(`/adjust/new?township=${T}&kind=change&list=cooperative&number=86`);
    assert.equal(res.status, 200);
    const fields = formFields(res.text, "/adjust");
    const values = (name: string) => fields.filter(([k]) => k === name).map(([, v]) => v);
    assert.deepEqual(values("name"), [original.name]);
    assert.deepEqual(values("leads"), ["县水利局", ""]);
    // Five steps and an empty spare on each side.
    assert.deepEqual(values("dd.0.steps"), [...original.departmentDuties[0]!.steps, ""]);
    assert.deepEqual(values("td.0.steps"), [...original.townshipDuties[0]!.steps, ""]);
    // No reclaimed-list fields on a cooperative item's form; labels are separate for each step.
    assert.equal(values("workMethod").length, 0);
    assert.doesNotMatch(res.text, /无承接部门/);
    assert.match(res.text, /上级部门职责 第 5 步/);
  });

  test("step buttons work without JavaScript: add, move up and remove a step, input kept", async () => {
    const page = await shuili.get(`/adjust/new?township=${T}&kind=change&list=cooperative&number=86`);
    const fields = asFields(formFields(page.text, "/adjust"));
    let res = await shuili.post("/adjust", { ...fields, reason: "草稿理由", op: "add:td.0" });
    assert.equal(res.status, 200);
    let after = formFields(res.text, "/adjust").filter(([k]) => k === "td.0.steps");
    assert.equal(after.length, 7, "five steps, the added one and the spare");
    assert.match(res.text, />草稿理由</);
    res = await shuili.post("/adjust", { ...fields, op: "up:td.0.4" });
    after = formFields(res.text, "/adjust").filter(([k]) => k === "td.0.steps");
    assert.equal(after[3]![1], original.townshipDuties[0]!.steps[4]);
    res = await shuili.post("/adjust", { ...fields, op: "del:dd.0.0" });
    assert.match(res.text, /删除了 1 个步骤/);
  });

  test("a removal shows the item and no fields; a move prefills the other list's fields", async () => {
    let res = await shuili.get(`/adjust/new?township=${T}&kind=remove&list=cooperative&number=86`);
    assert.equal(res.status, 200);
    assert.match(res.text, /上级部门职责 5 步，乡镇（街道）配合职责 5 步/);
    assert.doesNotMatch(res.text, /name="name"/);
    res = await shuili.get(`/adjust/new?township=${T}&kind=move&list=cooperative&number=86&to=reclaimed`);
    const fields = formFields(res.text, "/adjust");
    const values = (name: string) => fields.filter(([k]) => k === name).map(([, v]) => v);
    assert.deepEqual(values("list"), ["reclaimed"]);
    assert.deepEqual(values("takeover"), ["县水利局", ""]);
    assert.deepEqual(values("workMethod"), [...original.departmentDuties[0]!.steps, ""]);
    assert.equal(values("td.0.steps").length, 0);
  });

  test("a change that drops steps says so in the queue (删除了 N 个步骤)", async () => {
    const page = await shuili.get(`/adjust/new?township=${T}&kind=change&list=cooperative&number=86`);
    // Keep only the first two township steps, as the reported loss did.
    let kept = 0;
    const fields = formFields(page.text, "/adjust").filter(([k]) => k !== "td.0.steps" || kept++ < 2);
    const res = await shuili.post("/adjust", { ...asFields(fields), reason: "精简" });
    assert.equal(res.status, 303);
    const queue = await admin.get("/adjust");
    assert.match(queue.text, /删除了 3 个步骤/);
    const proposals = (await admin.getJson("/api/v1/proposals")).body.proposals as { id: number }[];
    await admin.post(`/adjust/${proposals[0]!.id}/decision`, { accept: "0", reason: "会丢失步骤" });
  });

  let proposalId = 0;
  test("the department adds a co-lead; the queue shows exactly that and no removed step", async () => {
    const page = await shuili.get(`/adjust/new?township=${T}&kind=change&list=cooperative&number=86`);
    const fields = formFields(page.text, "/adjust").map(([k, v], i, all): [string, string] =>
      // The spare lead field (the last "leads") gets the co-lead.
      k === "leads" && v === "" && all.slice(i + 1).every(([x]) => x !== "leads")
        ? [k, "县应急管理局"]
        : [k, v],
    );
    let res = await shuili.post("/adjust", { ...asFields(fields), reason: "应急管理局共同牵头" });
    assert.equal(res.status, 303, res.text.slice(0, 400));
    const proposals = (
      (await admin.getJson("/api/v1/proposals")).body.proposals as {
        id: number;
        status: string;
        changes: { field: string; stepsRemoved: number }[];
      }[]
    ).filter((p) => p.status === "open");
    assert.equal(proposals.length, 1);
    proposalId = proposals[0]!.id;
    assert.deepEqual(
      proposals[0]!.changes.map((c) => c.field),
      ["leadDepartments"],
    );
    res = await admin.get("/adjust");
    const open = res.text.slice(res.text.indexOf("待审核的调整建议"), res.text.indexOf("已处理的调整建议"));
    assert.match(open, /牵头部门/);
    assert.match(open, /<ins><span class="diff-mark">〔增〕<\/span>/);
    assert.doesNotMatch(open, /删除了/);
  });

  test("accepted, reviewed and published: every step is kept and the diff shows only the co-lead", async () => {
    await admin.get("/adjust");
    let res = await admin.post(`/adjust/${proposalId}/decision`, { accept: "1" });
    assert.equal(res.status, 303);
    const draftUrl = res.location!;
    await admin.get(draftUrl);
    res = await admin.post(`${draftUrl}/round`);
    assert.equal(res.status, 303);
    res = await admin.get(draftUrl);
    res = await admin.post(`${draftUrl}/publish`, {
      effective: decodeURIComponent(draftUrl.split("/").pop()!),
    });
    assert.equal(res.status, 303, res.text.slice(0, 600));
    const item = (await admin.getJson(`/api/v1/t/${T}/cooperative/86`)).body.item as CooperativeItem;
    assert.deepEqual(item.leadDepartments, ["县水利局", "县应急管理局"]);
    assert.deepEqual(
      item.departmentDuties.flatMap((b) => b.steps),
      original.departmentDuties[0]!.steps,
    );
    assert.deepEqual(item.townshipDuties, original.townshipDuties);
    const diff = (await admin.getJson(`/api/v1/diff/${T}`)).body as {
      changed: { changes: { field: string }[] }[];
      added: unknown[];
      removed: unknown[];
    };
    assert.equal(diff.changed.length, 1);
    assert.deepEqual(
      diff.changed[0]!.changes.map((c) => c.field),
      ["leadDepartments"],
    );
    assert.equal(diff.added.length + diff.removed.length, 0);
  });
});
