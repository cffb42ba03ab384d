/**
 * Issue 9 row 1: drafts never leak. Access is decided where the edition is loaded, for every route and
 * method that shows one, whatever spelling of the name the URL uses; a same-named township elsewhere
 * neither lends its status nor makes a public link ambiguous.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import { workflowDb } from "../../src/store/workflow-schema.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { POLICIES } from "../../src/workflow/passwords.ts";
import { addUser, changePassword } from "../../src/workflow/users.ts";
import { craftedDraft } from "../store/drafts.ts";
import { describeEachBackend } from "../support/stores.ts";
import { Client } from "../workflow/http-client.ts";

const PASSWORD = "Lz-leaks#2025";
const enc = encodeURIComponent;

/** Ways to write 草稿乡 that a lookup must treat as the name itself. */
const SPELLINGS: Record<string, string> = {
  "leading space": `%20${enc("草稿乡")}`,
  "trailing tab": `${enc("草稿乡")}%09`,
  "ideographic space": `%E3%80%80${enc("草稿乡")}`,
  "no-break space": `${enc("草稿乡")}%C2%A0`,
  "byte-order mark": `%EF%BB%BF${enc("草稿乡")}`,
  "zero-width space": `${enc("草稿")}%E2%80%8B${enc("乡")}`,
  "county and name": enc("测试县/草稿乡"),
  "county, full-width slash and padding": `${enc("测试县")}%EF%BC%8F%20${enc("草稿乡")}`,
};

/** Every route that shows an edition, for a township path segment. */
function editionPaths(t: string): string[] {
  return [
    `/t/${t}`,
    `/api/v1/t/${t}`,
    `/t/${t}?edition=2025-07`,
    `/t/${t}/list.csv`,
    `/t/${t}/basic/1`,
    `/api/v1/t/${t}/basic/1`,
    `/t/${t}/export/json`,
    `/t/${t}/export/csv`,
    `/t/${t}/check`,
  ];
}

describeEachBackend("drafts are never shown to those who may not read them", (backend) => {
  let store: SqlDutyStore;
  let app: ReturnType<typeof createApp>;
  const signedIn: Record<string, Client> = {};

  before(async () => {
    store = await backend.open();
    // 草稿乡 (测试县) has only a draft; 策勒乡 is published in 策勒县 and a draft in 于田县.
    await importEdition(store, craftedDraft({ township: "草稿乡", county: "测试县" }), "test");
    await importEdition(store, craftedDraft({ township: "策勒乡" }), "test", { status: "published" });
    await importEdition(
      store,
      craftedDraft({ township: "策勒乡", county: "于田县", title: "于田县策勒乡草稿" }),
      "test",
    );
    const db = workflowDb(store.db);
    for (const [name, input] of [
      ["caogao", { role: "township", township: "草稿乡" }],
      ["yutian", { role: "township", township: "于田县/策勒乡" }],
      ["cele", { role: "township", township: "策勒县/策勒乡" }],
      ["bumen", { role: "department", department: "县水利局" }],
    ] as const) {
      const { id, password } = await addUser(db, { name, ...input }, "test");
      await changePassword(db, id, password, PASSWORD, POLICIES.dengbao);
    }
    app = createApp({ store });
    for (const name of ["caogao", "yutian", "cele", "bumen"]) {
      signedIn[name] = new Client(app);
      await signedIn[name].login(name, PASSWORD);
    }
  });
  after(() => store.close());

  test("a draft written with white space, invisible marks or its county is refused to anonymous visitors on every route", async () => {
    const anonymous = new Client(app);
    for (const [how, t] of Object.entries(SPELLINGS)) {
      for (const path of editionPaths(t)) {
        const res = await anonymous.get(path);
        assert.equal(res.status, 403, `${how}: ${path}`);
        assert.doesNotMatch(res.text, /加强基层党组织建设/, `${how}: ${path} shows an item`);
      }
    }
  });

  test("HEAD requests are refused like GET", async () => {
    for (const t of Object.values(SPELLINGS)) {
      for (const path of editionPaths(t)) {
        const res = await app.request(path, { method: "HEAD" });
        assert.equal(res.status, 403, `HEAD ${path}`);
      }
    }
  });

  test("the task check refuses a draft through the form and the JSON API", async () => {
    const anonymous = new Client(app);
    await anonymous.get("/");
    for (const t of Object.values(SPELLINGS)) {
      const form = await app.request(`/t/${t}/check`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ text: "加强基层党组织建设" }),
      });
      assert.equal(form.status, 403, `POST /t/${t}/check`);
      assert.doesNotMatch(await form.text(), /basic|基本履职事项第/);
    }
    for (const township of [" 草稿乡", "草稿乡\u3000", "\ufeff草稿乡", "于田县/策勒乡"]) {
      const res = await app.request("/api/v1/check", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ township, text: "加强基层党组织建设" }),
      });
      assert.equal(res.status, 403, JSON.stringify(township));
      const body = (await res.json()) as { error: { code: string } };
      assert.equal(body.error.code, "forbidden");
    }
  });

  test("the task check without a township counts only townships the visitor may read", async () => {
    const res = await app.request("/api/v1/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "加强基层党组织建设" }),
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.doesNotMatch(text, /草稿乡/);
    assert.equal((JSON.parse(text) as { county: string }).county, "策勒县");
    const page = await app.request("/check");
    assert.equal(page.headers.get("location"), `/t/${enc("策勒乡")}/check`);
  });

  test("a county-qualified draft stays closed when a same-named township elsewhere is published", async () => {
    const anonymous = new Client(app);
    for (const path of editionPaths(enc("于田县/策勒乡"))) {
      assert.equal((await anonymous.get(path)).status, 403, path);
    }
    assert.equal((await anonymous.get(`/t/${enc("策勒县/策勒乡")}`)).status, 200);
  });

  test("a bare name counts only townships the visitor may read, so the public link keeps working", async () => {
    const anonymous = new Client(app);
    const res = await anonymous.getJson(`/api/v1/t/${enc("策勒乡")}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.county, "策勒县");
    const home = await anonymous.get("/");
    assert.match(home.text, new RegExp(`href="/t/${enc("策勒乡")}"`));
    assert.equal((await anonymous.get(`/t/${enc("策勒乡")}`)).status, 200);
    // The draft's own township may read both: for it the bare name is ambiguous.
    const yutian = await signedIn.yutian!.get(`/t/${enc("策勒乡")}`);
    assert.equal(yutian.status, 400);
    assert.match(yutian.text, /县名\/乡镇名/);
    // …and its home page links each with its county, so no link it is shown is ambiguous.
    const links = [...(await signedIn.yutian!.get("/")).text.matchAll(/href="(\/t\/[^"?]+)"/g)].map(
      (m) => m[1],
    );
    assert.ok(links.includes(`/t/${enc("于田县/策勒乡")}`), links.join(" "));
    assert.ok(links.includes(`/t/${enc("策勒县/策勒乡")}`), links.join(" "));
    assert.ok(!links.includes(`/t/${enc("策勒乡")}`));
  });

  test("signed-in users of other townships and departments are refused a draft, its township is not", async () => {
    for (const who of ["cele", "bumen"]) {
      for (const t of Object.values(SPELLINGS)) {
        assert.equal((await signedIn[who]!.get(`/t/${t}`)).status, 403, `${who}: /t/${t}`);
      }
      assert.equal((await signedIn[who]!.get(`/t/${enc("于田县/策勒乡")}`)).status, 403, who);
    }
    for (const t of Object.values(SPELLINGS)) {
      const res = await signedIn.caogao!.get(`/t/${t}`);
      assert.equal(res.status, 200, `caogao: /t/${t}`);
      assert.match(res.text, /加强基层党组织建设/);
    }
    const own = await signedIn.yutian!.getJson(`/api/v1/t/${enc("于田县/策勒乡")}`);
    assert.equal(own.status, 200);
    assert.equal(own.body.county, "于田县");
  });

  test("names are stored in the form lookups use: a padded import lands on the same township", async () => {
    const padded = craftedDraft({ township: "\u3000草稿乡\u200b ", county: " 测试县", date: "2025-09" });
    await importEdition(store, padded, "test", { status: "published" });
    const townships = (await store.listTownships()).filter((t) => t.name.includes("草稿"));
    assert.deepEqual(
      townships.map((t) => [t.county, t.name]),
      [["测试县", "草稿乡"]],
    );
    // Now published, the newest published edition is public; the older draft date still is not.
    const anonymous = new Client(app);
    assert.equal((await anonymous.get(`/t/${SPELLINGS["ideographic space"]}`)).status, 200);
    assert.equal((await anonymous.get(`/t/${enc("草稿乡")}?edition=2025-07`)).status, 403);
  });
});
