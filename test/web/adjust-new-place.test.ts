/** The form of a new adjustment proposal opened for a township or county that does not exist (a hand-made or stale link). */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { Client } from "../workflow/http-client.ts";
import { signedIn } from "./sign-in.ts";
import { townshipApp } from "./township-app.ts";

let store: SqlDutyStore;
let department: Client;

before(async () => {
  const made = await townshipApp("县应急管理局");
  store = made.store;
  department = await signedIn(made.app, store, {
    name: "yingji",
    role: "department",
    department: "县应急管理局",
  });
});
after(() => store.close());

const unknown = encodeURIComponent("不存在");

test("an unknown township in /adjust/new is a not-found page in the site's layout with the way back", async () => {
  for (const query of [`township=${unknown}&kind=add`, `township=${unknown}&kind=change&number=1`]) {
    const res = await department.get(`/adjust/new?${query}`);
    assert.equal(res.status, 404, query);
    assert.match(res.text, /<header class="site">/, query);
    assert.match(res.text, /<h1>404 未找到<\/h1>/, query);
    assert.match(res.text, /没有乡镇“不存在”/, query);
    assert.match(res.text, /<a href="\/">返回首页<\/a>/, query);
    // No form for a place that does not exist.
    assert.doesNotMatch(res.text, /action="\/adjust"/, query);
  }
});

test("an unknown county in /adjust/new is not found either, and a known township still opens the form", async () => {
  const county = await department.get(`/adjust/new?township=${encodeURIComponent("county:无此县")}&kind=add`);
  assert.equal(county.status, 404);
  assert.match(county.text, /没有县“无此县”/);
  const known = await department.get(`/adjust/new?township=${encodeURIComponent("策勒乡")}&kind=add`);
  assert.equal(known.status, 200);
  assert.match(known.text, /action="\/adjust"/);
});

test("removing an item of an unknown township is not found too (it was a 400 naming no way on)", async () => {
  const res = await department.get(`/adjust/new?township=${unknown}&kind=remove&number=3`);
  assert.equal(res.status, 404);
  assert.match(res.text, /请从调整建议页选择乡镇/);
});

test("a first step that cannot go on comes back as the adjustment page, the start form as sent with the reason", async () => {
  const cele = encodeURIComponent("策勒乡");
  const cases: [string, RegExp][] = [
    [`township=${cele}&kind=change&list=cooperative&number=`, /修改、移动、取消事项须填写原事项的序号/],
    [`township=${cele}&kind=move&list=basic&number=3&to=basic`, /移动事项须选择另一个清单/],
    [`township=${cele}&kind=change&list=basic&number=999`, /策勒乡的清单中没有/],
    [`township=${cele}&kind=rename&list=basic`, /调整类型应为 add、change、move、remove 之一/],
  ];
  for (const [query, reason] of cases) {
    const res = await department.get(`/adjust/new?${query}`);
    assert.equal(res.status, 400, query);
    assert.match(res.text, /<header class="site">/, query);
    const form =
      /<form method="get" action="\/adjust\/new"[^>]*>([\s\S]*?)<\/form>/.exec(res.text)?.[1] ?? "";
    assert.match(form, /role="alert"/, query);
    assert.match(form, reason, query);
    assert.match(form, /<option value="策勒乡" selected="">策勒乡<\/option>/, query);
  }
  // A number the form's field lets through (type=number, min=1) but past the limit is refused in the form's
  // words, saying what the limit is, not as a parameter that is not a positive whole number.
  const big = await department.get(`/adjust/new?township=${cele}&kind=change&list=basic&number=1234567`);
  assert.equal(big.status, 400);
  assert.match(big.text, /原事项序号不能超过 999999/);
  assert.doesNotMatch(big.text, /参数 number|应为正整数/);
  // What was chosen is kept: the kind, the list and the number.
  const res = await department.get(`/adjust/new?township=${cele}&kind=move&list=basic&number=3&to=basic`);
  assert.match(res.text, /<option value="move" selected="">/);
  assert.match(res.text, /id="start-number"[^>]*value="3"/);
});
