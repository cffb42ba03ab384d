/**
 * store/signin.ts on both engines: attempts taken in parallel on one key never exceed what the schedule
 * allows (the statement is atomic), a waiting key refuses and counts the refusal, and the password
 * history keeps the newest hashes only.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  clearKey,
  previousPasswordHashes,
  refuseAttempt,
  rememberPassword,
  type SigninDb,
  takeAttempt,
} from "../../src/store/signin.ts";
import { schedule, type ThrottleRule } from "../../src/workflow/throttle.ts";
import { describeEachBackend } from "../support/stores.ts";

const RULE: ThrottleRule = { free: 5, firstWaitSeconds: 60, maxWaitSeconds: 600, forgetSeconds: 3600 };

describeEachBackend("sign-in counters", (backend) => {
  function take(db: SigninDb, key: string, now: Date) {
    return takeAttempt(db, {
      key,
      account: "wang",
      now: now.toISOString(),
      forgetBefore: new Date(now.getTime() - RULE.forgetSeconds * 1000).toISOString(),
      waits: schedule(RULE, now),
    });
  }

  test("100 attempts taken in parallel on one key: exactly the 5 free ones get through", async () => {
    const [a, b] = await backend.openShared();
    const dbs = [a.db, b.db] as unknown as SigninDb[];
    const now = new Date();
    const taken = await Promise.all(
      Array.from({ length: 100 }, (_, i) => take(dbs[i % 2]!, "acct:wang|1.2.3.4", now)),
    );
    assert.equal(taken.filter(Boolean).length, 5);
    assert.deepEqual(
      taken
        .filter(Boolean)
        .map((t) => t!.failures)
        .sort(),
      [1, 2, 3, 4, 5],
    );
    const refused = await refuseAttempt(dbs[0]!, "acct:wang|1.2.3.4");
    assert.equal(refused?.refused, 1);
    assert.equal(Date.parse(refused!.nextAt) - now.getTime(), 60_000, "after the 5th, a minute's wait");
    // The wait over, one more is taken and the next wait doubles.
    const later = new Date(now.getTime() + 61_000);
    assert.equal((await take(dbs[1]!, "acct:wang|1.2.3.4", later))?.failures, 6);
    assert.equal(await take(dbs[1]!, "acct:wang|1.2.3.4", later), null);
    assert.equal(await clearKey(dbs[0]!, "acct:wang|1.2.3.4"), 1, "the refusal not yet reported");
    assert.equal((await take(dbs[0]!, "acct:wang|1.2.3.4", later))?.failures, 1, "cleared: from zero");
    await a.close();
    await b.close();
  });

  test("a key left alone past its forget time starts from zero", async () => {
    const store = await backend.open();
    const db = store.db as unknown as SigninDb;
    const t0 = new Date();
    for (let i = 0; i < 5; i++) assert.ok(await take(db, "addr:5.5.5.5", t0));
    assert.equal(await take(db, "addr:5.5.5.5", t0), null);
    const much = new Date(t0.getTime() + 2 * 3600_000);
    assert.equal((await take(db, "addr:5.5.5.5", much))?.failures, 1);
    await store.close();
  });

  test("the password history keeps each user's newest hashes only", async () => {
    const store = await backend.open();
    const db = store.db as unknown as SigninDb;
    const { id } = await store.db
      .insertInto("users" as never)
      .values({
        name: "li",
        role: "township",
        password_hash: "h",
        password_changed_at: "2025-01-01",
        created_at: "2025-01-01",
      } as never)
      .returning("id" as never)
      .executeTakeFirstOrThrow();
    for (let i = 1; i <= 7; i++) await rememberPassword(db, id, `hash${i}`, `2025-01-0${i}`, 4);
    assert.deepEqual(await previousPasswordHashes(db, id, 10), ["hash7", "hash6", "hash5", "hash4"]);
    await store.close();
  });
});
