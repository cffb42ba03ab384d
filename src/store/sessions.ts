/**
 * Sessions' queries. Rows are keyed by the SHA-256 of the cookie token (computed in workflow/auth.ts); the
 * expiry and idle rules stay there.
 */
import type { Insertable } from "kysely";
import { compiledQuery } from "./compiled.ts";
import { PRINCIPAL_COLUMNS, usersWithPlace } from "./users.ts";
import type { SessionTable, WorkflowDb } from "./workflow-schema.ts";

/** Stores a session. */
export async function insertSession(db: WorkflowDb, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/**
 * A session with the user columns that decide whether it still holds and the user's principal (one query
 * for what every signed-in request needs), or undefined.
 */
export async function sessionWithUser(db: WorkflowDb, id: string) {
  return (await sessionQuery(db, id))[0];
}

// Every signed-in request reads it: compiled once (compiled.ts).
const sessionQuery = compiledQuery((db: WorkflowDb, id: string) =>
  usersWithPlace(db)
    .innerJoin("sessions", "sessions.user_id", "users.id")
    .select([
      ...PRINCIPAL_COLUMNS,
      "sessions.stage",
      "sessions.csrf",
      "sessions.last_seen_at",
      "sessions.expires_at",
      "users.totp_enabled",
      "users.must_change",
      "users.password_changed_at",
    ])
    .where("sessions.id", "=", id),
);

/**
 * When session `id` began and when its user's password was last changed (both ISO), or undefined when
 * there is no such session.
 */
export function sessionPasswordTimes(
  db: WorkflowDb,
  id: string,
): Promise<{ startedAt: string; passwordChangedAt: string } | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["sessions.created_at as startedAt", "users.password_changed_at as passwordChangedAt"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
}

/** Ends one session. */
export async function deleteSession(db: WorkflowDb, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

/** Ends every session of a user, but `keep` when given; returns how many ended. */
export async function deleteSessionsOf(db: WorkflowDb, userId: number, keep?: string): Promise<number> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keep) q = q.where("id", "!=", keep);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops sessions expired at `now` (ISO). */
export async function deleteExpiredSessions(db: WorkflowDb, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}

/** Records a session's last activity. */
export async function touchSession(db: WorkflowDb, id: string, at: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute();
}

/** Sets a session's stage ("full" once the second factor is given). */
export async function setSessionStage(
  db: WorkflowDb,
  id: string,
  stage: SessionTable["stage"],
): Promise<void> {
  await db.updateTable("sessions").set({ stage }).where("id", "=", id).execute();
}
