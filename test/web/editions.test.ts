import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Item } from "../../src/domain/edition.ts";
import { openStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { get, hostileDraft, hostileItems } from "./fixtures.ts";

const renamed = (items: Item[], name: string): Item[] =>
  items.map((i) => (i.list === "basic" && i.number === 1 ? { ...i, name } : i));

describe("editions", () => {
  test("a newly stored edition is served at once (the edition cache revalidates), older ones by date", async () => {
    const store = await openStore({ path: ":memory:" });
    await store.saveEdition(hostileDraft(renamed(hostileItems(), "一月版事项")), { status: "published" });
    const app = createApp({ store });
    assert.match(await (await get(app, "/t/测试乡")).text(), /一月版事项/);

    await store.saveEdition(
      { ...hostileDraft(renamed(hostileItems(), "八月版事项")), date: "2025-08" },
      { status: "published" },
    );
    const current = await (await get(app, "/t/测试乡")).text();
    assert.match(current, /八月版事项/);
    assert.match(current, /其他版本：<a href="\/t\/[^"]+\?edition=2025-01">2025-01<\/a>/);
    const older = await (await get(app, "/t/测试乡?edition=2025-01")).text();
    assert.match(older, /一月版事项/);
    assert.match(older, /href="\/t\/[^"]+\/basic\/1\?edition=2025-01"/, "item links keep the edition");
    assert.match(await (await get(app, "/t/测试乡/basic/1?edition=2025-01")).text(), /<h1>一月版事项<\/h1>/);

    // Replacing an edition of the same date is seen too.
    await store.saveEdition(
      { ...hostileDraft(renamed(hostileItems(), "八月修订事项")), date: "2025-08" },
      { status: "published", replace: true },
    );
    assert.match(await (await get(app, "/t/测试乡/basic/1")).text(), /<h1>八月修订事项<\/h1>/);
    await store.close();
  });

  test("an item page links to the item's history when an earlier public edition exists", async () => {
    const store = await openStore({ path: ":memory:" });
    await store.saveEdition(hostileDraft(renamed(hostileItems(), "一月版事项")), { status: "published" });
    const app = createApp({ store });
    const only = await (await get(app, "/t/测试乡/basic/1")).text();
    assert.doesNotMatch(only, /href="\/history\//, "one edition: no history to show");

    await store.saveEdition(
      { ...hostileDraft(renamed(hostileItems(), "八月版事项")), date: "2025-08" },
      { status: "published" },
    );
    const current = await (await get(app, "/t/测试乡/basic/1")).text();
    const link = /<a href="(\/history\/[^"]+)">([^<]+)<\/a>/.exec(current);
    assert.ok(link, "a link to the item's history");
    assert.equal(link[1], `/history/${encodeURIComponent("测试乡")}/2025-08/basic/1`);
    assert.match(link[2]!, /历次版本/);
    const history = await get(app, link[1]!);
    assert.equal(history.status, 200);
    const historyPage = await history.text();
    assert.match(historyPage, /2025-01<\/a><\/td><td>已发布<\/td><td>基本履职事项第 1 项<\/td><td>最早版本/);
    // Named as the edition the visitor came from names it, not as the oldest one did.
    assert.match(historyPage, /<h1>事项历史：八月版事项<\/h1>/);
    assert.match(historyPage, /<title>事项历史：八月版事项/);
    // The oldest edition has nothing before it.
    assert.doesNotMatch(
      await (await get(app, "/t/测试乡/basic/1?edition=2025-01")).text(),
      /href="\/history\//,
    );
    await store.close();
  });

  test("a township name shared by two counties asks for 县名/乡镇名, and links keep that form", async () => {
    const store = await openStore({ path: ":memory:" });
    await store.saveEdition(hostileDraft(), { status: "published" });
    await store.saveEdition({ ...hostileDraft(renamed(hostileItems(), "另一县的事项")), county: "另一县" });
    const app = createApp({ store });
    const ambiguous = await get(app, "/t/测试乡");
    assert.equal(ambiguous.status, 400);
    assert.match(await ambiguous.text(), /在多个县中重名/);
    const ref = encodeURIComponent("另一县/测试乡");
    const page = await (await get(app, `/t/${ref}`)).text();
    assert.match(page, /另一县的事项/);
    assert.ok(page.includes(`href="/t/${ref}/basic/1"`));
    assert.equal((await get(app, `/t/${ref}/basic/1`)).status, 200);
    assert.equal((await get(app, `/api/v1/t/${ref}`)).status, 200);
    await store.close();
  });

  test("an empty database shows a home page that says how to import", async () => {
    const store = await openStore({ path: ":memory:" });
    const page = await (await get(createApp({ store }), "/")).text();
    assert.match(page, /还没有导入任何清单/);
    await store.close();
  });
});
