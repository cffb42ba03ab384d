/**
 * Idempotency keys' queries: claim a key before a write (one INSERT, so two parallel requests with the same
 * key cannot both run), store the answer after it, read it back for a retry.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** How long an answer is kept for retries. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredAnswer {
  request: string;
  requestHash: string;
  /** null while the first request is still being answered. */
  answer: { status: number; headers: Record<string, string>; body: string } | null;
}

/** Claims `key` for this request; returns null when claimed now, else what the key already holds. */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  claim: { scope: string; key: string; request: string; requestHash: string; now: Date },
): Promise<StoredAnswer | null> {
  const expired = new Date(claim.now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  await db.deleteFrom("idempotency_keys").where("created_at", "<", expired).execute();
  const inserted = await db
    .insertInto("idempotency_keys")
    .values({
      scope: claim.scope,
      key: claim.key,
      request: claim.request,
      request_hash: claim.requestHash,
      status: null,
      headers: null,
      body: null,
      created_at: claim.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return null;
  const row = await db
    .selectFrom("idempotency_keys")
    .selectAll()
    .where("scope", "=", claim.scope)
    .where("key", "=", claim.key)
    .executeTakeFirstOrThrow();
  return {
    request: row.request,
    requestHash: row.request_hash,
    answer:
      row.status === null
        ? null
        : { status: row.status, headers: JSON.parse(row.headers ?? "{}"), body: row.body ?? "" },
  };
}

/** Stores the answer of a claimed key. */
export async function storeIdempotentAnswer(
  db: Kysely<Database>,
  scope: string,
  key: string,
  answer: { status: number; headers: Record<string, string>; body: string },
): Promise<void> {
  await db
    .updateTable("idempotency_keys")
    .set({ status: answer.status, headers: JSON.stringify(answer.headers), body: answer.body })
    .where("scope", "=", scope)
    .where("key", "=", key)
    .execute();
}

/** Releases a claim whose request failed, so the client may retry it with the same key. */
export async function releaseIdempotencyKey(db: Kysely<Database>, scope: string, key: string): Promise<void> {
  await db.deleteFrom("idempotency_keys").where("scope", "=", scope).where("key", "=", key).execute();
}
