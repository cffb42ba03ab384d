/**
 * Sign-in state (migration 0006): throttle counters taken atomically before a password is checked, and
 * the hashes of users' previous passwords. Every statement here is one atomic statement on both SQLite
 * and PostgreSQL, so parallel requests (or several app servers) cannot slip past a counter.
 */
import { type Kysely, sql } from "kysely";

export interface LoginThrottleTable {
  /** "acct:<name>|<address>", "addr:<address>", "totp:<user id>" … (the workflow chooses). */
  key: string;
  /** The user name the key is about, so an admin can clear an account's keys; null for address keys. */
  account: string | null;
  /** Attempts taken (each counted before it is checked; a full sign-in clears or refunds it). */
  failures: number;
  /** Attempts refused while throttled, not yet reported in the audit log. */
  refused: number;
  /** No attempt is taken before this time (ISO-8601). */
  next_at: string;
  /** When the last attempt was taken (ISO-8601); a key idle long enough starts again from zero. */
  last_at: string;
}

export interface PasswordHistoryTable {
  id: import("kysely").Generated<number>;
  user_id: number;
  /** argon2id hash of a password the user had before. */
  hash: string;
  created_at: string;
}

export interface SigninTables {
  login_throttle: LoginThrottleTable;
  password_history: PasswordHistoryTable;
}

export type SigninDb = Kysely<SigninTables>;

export interface AttemptSchedule {
  key: string;
  account: string | null;
  /** Now, ISO-8601. */
  now: string;
  /** A key whose last attempt is older than this counts from zero again. */
  forgetBefore: string;
  /**
   * next_at after the attempt, by how many attempts came before it: waits[i] after i earlier ones; the
   * last entry for every count beyond. (Precomputed by the caller: the same SQL on both engines.)
   */
  waits: readonly string[];
}

/** The state of a key after an attempt was taken. */
export interface TakenAttempt {
  failures: number;
  refused: number;
}

/**
 * Takes one attempt on a key, in one INSERT … ON CONFLICT DO UPDATE … RETURNING: counted when the key is
 * not waiting (next_at has passed), and then made to wait as `waits` says. Returns null when the key is
 * still waiting: the attempt must not be checked at all.
 */
export async function takeAttempt(db: SigninDb, s: AttemptSchedule): Promise<TakenAttempt | null> {
  if (s.waits.length === 0) throw new Error("takeAttempt: empty schedule");
  const earlier = sql<number>`(case when login_throttle.last_at < ${s.forgetBefore} then 0 else login_throttle.failures end)`;
  const cases = s.waits.slice(0, -1).map((at, i) => sql`when ${sql.lit(i)} then ${at}`);
  const nextAt =
    cases.length > 0
      ? sql<string>`(case ${earlier} ${sql.join(cases, sql` `)} else ${s.waits.at(-1)!} end)`
      : sql<string>`${s.waits[0]!}`;
  const row = await db
    .insertInto("login_throttle")
    .values({
      key: s.key,
      account: s.account,
      failures: 1,
      refused: 0,
      next_at: s.waits[0]!,
      last_at: s.now,
    })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({ failures: sql<number>`${earlier} + 1`, next_at: nextAt, last_at: s.now })
        .where((eb) =>
          eb.or([
            eb("login_throttle.next_at", "<=", s.now),
            eb("login_throttle.last_at", "<", s.forgetBefore),
          ]),
        ),
    )
    .returning(["failures", "refused"])
    .executeTakeFirst();
  return row ? { failures: Number(row.failures), refused: Number(row.refused) } : null;
}

/** Counts a refused attempt on a waiting key; returns until when it waits and how many were refused. */
export async function refuseAttempt(
  db: SigninDb,
  key: string,
): Promise<{ nextAt: string; refused: number } | null> {
  const row = await db
    .updateTable("login_throttle")
    .set({ refused: sql<number>`refused + 1` })
    .where("key", "=", key)
    .returning(["next_at", "refused"])
    .executeTakeFirst();
  return row ? { nextAt: row.next_at, refused: Number(row.refused) } : null;
}

/** Gives back one attempt taken on a key (a later key refused it, or it turned out to be a success). */
export async function refundAttempt(db: SigninDb, key: string): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set({ failures: sql<number>`failures - 1` })
    .where("key", "=", key)
    .where("failures", ">", 0)
    .execute();
}

/** Marks `count` refused attempts as reported in the audit log (others may have been refused since). */
export async function markRefusalsReported(db: SigninDb, key: string, count: number): Promise<void> {
  if (count <= 0) return;
  await db
    .updateTable("login_throttle")
    .set({ refused: sql<number>`case when refused > ${count} then refused - ${count} else 0 end` })
    .where("key", "=", key)
    .execute();
}

/** Clears a key (a full sign-in succeeded); returns the refused attempts it still had to report. */
export async function clearKey(db: SigninDb, key: string): Promise<number> {
  const rows = await db.deleteFrom("login_throttle").where("key", "=", key).returning("refused").execute();
  return rows.reduce((n, r) => n + Number(r.refused), 0);
}

/** Clears every key about one account (an admin reset its password or enabled it again). */
export async function clearAccount(db: SigninDb, account: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("account", "=", account).execute();
}

/** Per account, the latest time until which some address must wait before trying it again. */
export async function throttledAccounts(db: SigninDb, now: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("login_throttle")
    .select((eb) => ["account", eb.fn.max("next_at").as("until")])
    .where("account", "is not", null)
    .where("next_at", ">", now)
    .groupBy("account")
    .execute();
  return new Map(rows.map((r) => [r.account!, r.until]));
}

/** Drops keys idle since `before` and no longer waiting, so the table does not grow without bound. */
export async function sweepThrottle(db: SigninDb, before: string, now: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("last_at", "<", before).where("next_at", "<=", now).execute();
}

/** The hashes of a user's previous passwords, newest first. */
export async function previousPasswordHashes(db: SigninDb, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("password_history")
    .select("hash")
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.hash);
}

/** Remembers a password the user is leaving, keeping the newest `keep` per user. */
export async function rememberPassword(
  db: SigninDb,
  userId: number,
  hash: string,
  at: string,
  keep: number,
): Promise<void> {
  await db.insertInto("password_history").values({ user_id: userId, hash, created_at: at }).execute();
  const kept = db
    .selectFrom("password_history")
    .select("id")
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .limit(keep);
  await db.deleteFrom("password_history").where("user_id", "=", userId).where("id", "not in", kept).execute();
}
