import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, test } from "node:test";
import { DEFAULT_DATABASE, databasePath, openStore } from "../../src/store/index.ts";
import { migrateToLatest } from "../../src/store/migrate.ts";
import { craftedDraft } from "./drafts.ts";

const dir = mkdtempSync(join(tmpdir(), "lvzhi-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("opening a store", () => {
  test("a file database is created with its folder, migrated once, and keeps its data", async () => {
    const path = join(dir, "nested", "deeper", "lvzhi.db");
    const first = await openStore({ path });
    await first.saveEdition(craftedDraft());
    await first.close();
    const again = await openStore({ path });
    assert.deepEqual(await migrateToLatest(again.db), []);
    assert.deepEqual((await again.getEdition("测试乡"))?.draft, craftedDraft());
    await again.close();
  });

  test("the path comes from the option, else LVZHI_DB, else var/lvzhi.db under the project root", () => {
    const saved = process.env.LVZHI_DB;
    try {
      process.env.LVZHI_DB = join(dir, "env", "from-env.db");
      assert.equal(databasePath(), join(dir, "env", "from-env.db"));
      assert.equal(databasePath(join(dir, "given.db")), join(dir, "given.db"));
      assert.equal(databasePath(":memory:"), ":memory:");
      assert.equal(databasePath("relative/x.db"), resolve(process.cwd(), "relative/x.db"));
      delete process.env.LVZHI_DB;
      assert.equal(databasePath(), DEFAULT_DATABASE);
      assert.match(DEFAULT_DATABASE, /[/\\]var[/\\]lvzhi\.db$/);
    } finally {
      if (saved === undefined) delete process.env.LVZHI_DB;
      else process.env.LVZHI_DB = saved;
      rmSync(resolve(process.cwd(), "relative"), { recursive: true, force: true });
    }
  });

  test("a path that cannot be a database fails with a message naming it", async () => {
    const notADatabase = join(dir, "notes.db");
    writeFileSync(notADatabase, "这不是数据库文件，只是一段文字。".repeat(50));
    await assert.rejects(openStore({ path: notADatabase }), (error: Error) =>
      error.message.includes(notADatabase),
    );
    await assert.rejects(openStore({ path: dir }), (error: Error) => error.message.includes(dir));
  });

  test("each in-memory store is separate", async () => {
    const a = await openStore({ path: ":memory:" });
    const b = await openStore({ path: ":memory:" });
    await a.saveEdition(craftedDraft());
    assert.equal((await b.listTownships()).length, 0);
    await a.close();
    await b.close();
  });
});
