/**
 * What a signed-in task check reads from the database once its township is known: two statements — the
 * session with its user, and the township with its editions and the precedents' revision (one statement:
 * on SQLite each begins and ends a read transaction of its own). A precedent recorded meanwhile is still
 * seen by the next check.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { prepareDatabase } from "../../src/bench/serve.ts";
import { openStore } from "../../src/store/index.ts";
import { countyOfEdition, insertPrecedents } from "../../src/store/precedents.ts";
import { createApp } from "../../src/web/app.ts";

/** Counts statements run on any better-sqlite3 connection while `work` runs. */
async function statementsDuring(work: () => Promise<void>): Promise<string[]> {
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, unknown>;
  probe.close();
  const ran: string[] = [];
  const originals = new Map<string, unknown>();
  for (const name of ["all", "get", "run", "iterate"]) {
    const original = proto[name] as (...args: unknown[]) => unknown;
    originals.set(name, original);
    proto[name] = function (this: { source: string }, ...args: unknown[]) {
      ran.push(this.source);
      return original.apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return ran;
}

test("a signed-in API check reads two statements; a precedent added since is seen", async () => {
  const dir = mkdtempSync(join(tmpdir(), "lvzhi-check-reads-"));
  const path = join(dir, "lvzhi.db");
  const { cookie, csrf } = await prepareDatabase(path);
  const store = await openStore({ path });
  try {
    const app = createApp({ store });
    const check = async (text: string) => {
      const res = await app.request("/api/v1/check", {
        method: "POST",
        headers: { "content-type": "application/json", cookie, "x-csrf-token": csrf },
        body: JSON.stringify({ township: "策勒乡", text }),
      });
      assert.equal(res.status, 200);
      return (await res.json()) as { edition: { id: number }; tasks: { verdict: string }[] };
    };
    // The first check loads the edition, builds its index and reads the county's precedents.
    await check("请各乡镇做好烟花爆竹安全监管工作");
    const reads = await statementsDuring(async () => {
      await check("请各乡镇做好烟花爆竹安全监管工作（第二批）");
    });
    assert.equal(reads.length, 2, reads.join("\n"));
    assert.match(reads[0]!, /"sessions"/);
    assert.match(reads[1]!, /"townships".*"precedent_revision"/s);

    // Another process records a decision on a text: the next check of it follows the decision.
    const text = "请各乡镇做好烟花爆竹安全监管工作（第三批）";
    const first = await check(text);
    assert.notEqual(first.tasks[0]?.verdict, "unlisted");
    const other = await openStore({ path });
    try {
      const countyId = await countyOfEdition(other.db, first.edition.id);
      await insertPrecedents(other.db, [
        {
          countyId: countyId!,
          text,
          verdict: "unlisted",
          item: null,
          source: "correction",
          decidedBy: "test",
          decidedAt: new Date().toISOString(),
        },
      ]);
    } finally {
      await other.close();
    }
    assert.equal((await check(text)).tasks[0]?.verdict, "unlisted");
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
