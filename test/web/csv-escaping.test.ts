import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { SqlDutyStore } from "../../src/store/index.ts";
import type { createApp } from "../../src/web/app.ts";
import { csvCell, toCsv } from "../../src/web/csv.ts";
import { bundledApp, CELE, get, hostileApp, SCRIPT_NAME } from "./fixtures.ts";

/** Parses RFC 4180 CSV (quoted cells with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("CSV cells", () => {
  test("formula-like cells are neutralised; quotes, commas and line breaks are quoted", () => {
    for (const start of ["=", "+", "-", "@", "\t"]) assert.equal(csvCell(`${start}1+1`)[0], "'");
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell("a,b"), '"a,b"');
    assert.equal(csvCell("1.做好\n2.开展"), '"1.做好\n2.开展"');
    assert.equal(csvCell("普通文字"), "普通文字");
    assert.ok(toCsv(["a"], [["b"]]).startsWith("\uFEFFa\r\nb\r\n"));
  });
});

describe("CSV downloads over the bundled lists", () => {
  let app: ReturnType<typeof createApp>;
  let store: SqlDutyStore;
  before(async () => {
    ({ app, store } = await bundledApp());
  });
  after(() => store.close());

  test("a list view's CSV has a BOM, the official header and exactly the rows the page shows", async () => {
    const query = "list=cooperative&department=县水利局";
    const res = await get(app, `/t/${CELE}/list.csv?${query}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/csv; charset=utf-8/);
    assert.match(res.headers.get("content-disposition") ?? "", /attachment; .*filename\*=UTF-8''/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 BOM");
    const rows = parseCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1));
    assert.deepEqual(rows[0], [
      "序号",
      "事项类别",
      "事项名称",
      "对应上级部门",
      "上级部门职责",
      "乡镇（街道）配合职责",
      "备注",
    ]);
    const view = await (await get(app, `/api/v1/t/${CELE}?${query}`)).json();
    assert.deepEqual(
      rows.slice(1).map((r) => Number(r[0])),
      view.items.map((i: { number: number }) => i.number),
    );
    const first = rows[1] ?? [];
    assert.match(first[4] ?? "", /^(县[^\n]+：\n)?1\./, "steps numbered one per line");
  });

  test("search results download as the same rows, in the same order", async () => {
    const csv = await (await get(app, `/t/${CELE}/list.csv?q=石榴`)).text();
    const view = await (await get(app, `/api/v1/t/${CELE}?q=石榴`)).json();
    const numbers = parseCsv(csv.replace(/^\uFEFF/, ""))
      .slice(1)
      .map((r) => Number(r[0]));
    assert.ok(numbers.length > 0);
    assert.deepEqual(
      numbers,
      view.items.map((i: { number: number }) => i.number),
    );
  });

  test("the home and department index download their tables", async () => {
    const home = parseCsv((await (await get(app, "/townships.csv")).text()).replace(/^\uFEFF/, ""));
    assert.deepEqual(home[1], [
      "策勒乡",
      "新疆维吾尔自治区和田地区策勒县",
      "2025-07",
      "已发布",
      "116",
      "98",
      "40",
    ]);
    const index = parseCsv((await (await get(app, "/departments.csv")).text()).replace(/^\uFEFF/, ""));
    const json = await (await get(app, "/api/v1/departments")).json();
    assert.deepEqual(index[0], ["部门（单位）", "所属县", "涉及事项"]);
    assert.equal(index.length - 1, json.departments.length);
  });

  test("a department page downloads its items with both sides' duties", async () => {
    const csv = await (await get(app, "/departments/县水利局/items.csv")).text();
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""));
    assert.deepEqual(rows[0], [
      "乡镇",
      "清单",
      "序号",
      "事项类别",
      "事项名称",
      "部门职责",
      "乡镇（街道）职责",
    ]);
    assert.ok(rows.some((r) => r[1] === "上级部门收回事项" && r[6] === "（已收回，乡镇不再承担）"));
    assert.ok(rows.some((r) => r[1] === "配合履职事项" && (r[6] ?? "").startsWith("1.")));
  });
});

describe("hostile text is escaped everywhere", () => {
  let app: ReturnType<typeof createApp>;
  let store: SqlDutyStore;
  before(async () => {
    ({ app, store } = await hostileApp());
  });
  after(() => store.close());

  const escapedName = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;开展&amp;lt;测试&amp;gt;工作";

  test("a <script> item name is escaped on the list, item and search pages", async () => {
    for (const path of ["/t/测试乡", "/t/测试乡/basic/1", "/t/测试乡?q=开展测试", "/t/测试乡?q=alert"]) {
      const page = await (await get(app, path)).text();
      assert.ok(!page.includes("<script>alert"), `${path} carries a live script`);
      assert.ok(page.includes("&lt;script&gt;"), `${path} shows the name escaped`);
    }
    const item = await (await get(app, "/t/测试乡/basic/1")).text();
    assert.ok(item.includes(`<h1>${escapedName}</h1>`));
  });

  test("marks wrap escaped text: escape first, then mark", async () => {
    const page = await (await get(app, "/t/测试乡?q=script")).text();
    assert.ok(page.includes("&lt;<mark>script</mark>&gt;alert"), "the mark sits inside escaped text");
  });

  test("markup inside steps is shown as text", async () => {
    const page = await (await get(app, "/t/测试乡/cooperative/1")).text();
    assert.ok(page.includes("制定&lt;b&gt;方案&lt;/b&gt;"));
    assert.ok(page.includes("报送材料&lt;img src=x onerror=alert(1)&gt;"));
    assert.ok(!page.includes("<img"));
  });

  test("JSON carries the name as data; CSV neutralises the formula", async () => {
    const body = await (await get(app, "/api/v1/t/测试乡")).json();
    assert.equal(body.items[0].name, SCRIPT_NAME);
    const csv = await (await get(app, "/t/测试乡/list.csv")).text();
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""));
    assert.equal(rows[2]?.[2], `'=HYPERLINK("http://x","点我")`);
    assert.equal(rows[3]?.[2], "做好“三会一课”, 记录");
    assert.equal(rows[3]?.[3], "个性");
  });

  test("a crafted search word is escaped in the search box and the summary", async () => {
    const q = encodeURIComponent('"><script>x</script>');
    const page = await (await get(app, `/t/%E6%B5%8B%E8%AF%95%E4%B9%A1?q=${q}`)).text();
    assert.ok(!page.includes("<script>x"));
    assert.ok(page.includes('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"'));
  });
});
