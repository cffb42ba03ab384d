/** Shared set-up for the web tests: apps over the bundled lists or a crafted edition, in memory. */

import { importBundledIfEmpty } from "../../src/cli/commands/serve.ts";
import type { EditionDraft, Item } from "../../src/domain/edition.ts";
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";

export const CELE = "策勒乡";
export const SCRIPT_NAME = '<script>alert("x")</script>开展&lt;测试&gt;工作';

/** An in-memory store holding the bundled Cele lists, and the app over it. */
export async function bundledApp() {
  const store = await openStore({ path: ":memory:" });
  await importBundledIfEmpty(store);
  return { store, app: createApp({ store }) };
}

/** Items with hostile text: markup in names and steps, a formula-like name, quotes and commas. */
export function hostileItems(): Item[] {
  return [
    { list: "basic", number: 1, category: "党的建设", name: SCRIPT_NAME, local: false, remark: null },
    {
      list: "basic",
      number: 2,
      category: "综合政务",
      name: '=HYPERLINK("http://x","点我")',
      local: false,
      remark: null,
    },
    {
      list: "basic",
      number: 3,
      category: "综合政务",
      name: "做好“三会一课”, 记录",
      local: true,
      remark: "个性",
    },
    {
      list: "cooperative",
      number: 1,
      category: "党的建设",
      name: "乡镇领导班子考核",
      local: false,
      remark: null,
      leadDepartments: ["县委组织部", "县人力资源和社会保障局"],
      otherLeads: [],
      departmentDuties: [
        { department: "县委组织部", heading: "一、年度考核", steps: ["制定<b>方案</b>", "组织考核"] },
        { department: "县人力资源和社会保障局", heading: null, steps: ["审核备案"] },
      ],
      townshipDuties: [{ department: null, heading: null, steps: ["报送材料<img src=x onerror=alert(1)>"] }],
    },
    {
      list: "reclaimed",
      number: 1,
      category: "自然资源",
      name: "地质灾害危险性评估",
      local: false,
      remark: null,
      takeover: { departments: [], none: true, workMethod: ["由具备资质的机构开展"], workStandard: [] },
    },
  ];
}

/** A small edition of a crafted township (测试乡, 测试县). */
export function hostileDraft(items: Item[] = hostileItems()): EditionDraft {
  const empty = { items: null, categories: null, departments: null, categoryNames: [] };
  return {
    township: "测试乡",
    county: "测试县",
    region: "",
    date: "2025-01",
    title: "测试乡履职事项清单",
    preface: [],
    stated: { basic: empty, cooperative: empty, reclaimed: empty },
    items,
  };
}

/** An app over a store with the hostile edition only. */
export async function hostileApp(): Promise<{ store: SqlDutyStore; app: ReturnType<typeof createApp> }> {
  const store = await openStore({ path: ":memory:" });
  await store.saveEdition(hostileDraft(), { status: "published" });
  return { store, app: createApp({ store }) };
}

/** GET a path; a path with Chinese characters is percent-encoded here, an encoded one is sent as is. */
export function get(app: ReturnType<typeof createApp>, path: string, headers: Record<string, string> = {}) {
  return app.request(/^[\x20-\x7e]*$/.test(path) ? path : encodeURI(path), { headers });
}

/** A multipart form as a browser sends it: text fields, and files given by name and bytes. */
export function form(fields: Record<string, string | { name: string; bytes: Uint8Array }>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") data.append(k, v);
    else data.append(k, new File([new Uint8Array(v.bytes)], v.name));
  }
  return data;
}
