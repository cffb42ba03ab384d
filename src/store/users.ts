/**
 * Users' queries: rows by id and name, inserts and updates, the principal's row and the admin's list. The
 * rules (one-time passwords, policies, who may do what) stay in workflow/users.ts and workflow/auth.ts.
 */
import type { Insertable, Selectable, Updateable } from "kysely";
import { compiledQuery } from "./compiled.ts";
import type { UserTable, WorkflowDb } from "./workflow-schema.ts";

/** A user's row. */
export type UserRow = Selectable<UserTable>;

/** A user's row by id, or undefined. */
export function userRowById(db: WorkflowDb, id: number): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A user's row by id (throws when there is none). */
export function userRowByIdOrThrow(db: WorkflowDb, id: number): Promise<UserRow> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** A user's row by name, or undefined. */
export function userRowByName(db: WorkflowDb, name: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
}

/** Stores a user; returns the id. */
export async function insertUser(db: WorkflowDb, row: Insertable<UserTable>): Promise<number> {
  const { id } = await db.insertInto("users").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

/** Updates a user's columns. */
export async function updateUser(db: WorkflowDb, id: number, set: Updateable<UserTable>): Promise<void> {
  await db.updateTable("users").set(set).where("id", "=", id).execute();
}

/**
 * Moves the user's last accepted TOTP step to `step` only if it is below it (or unset): true when this call
 * moved it, so a code used twice in parallel counts once.
 */
export async function claimTotpStep(db: WorkflowDb, id: number, step: number): Promise<boolean> {
  const claimed = await db
    .updateTable("users")
    .set({ totp_last_step: step })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", step)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) !== 0;
}

/** Users with their township's and county's names (a principal's place). */
export function usersWithPlace(db: WorkflowDb) {
  return db
    .selectFrom("users")
    .leftJoin("townships", "townships.id", "users.township_id")
    .leftJoin("counties", "counties.id", "townships.county_id");
}

/** The columns a principal is made of, with the township's and county's names, or undefined. */
export async function principalRow(db: WorkflowDb, userId: number) {
  return (await principalQuery(db, userId))[0];
}

// Every signed-in request reads it: compiled once (compiled.ts).
const principalQuery = compiledQuery((db: WorkflowDb, userId: number) =>
  usersWithPlace(db).select(PRINCIPAL_COLUMNS).where("users.id", "=", userId),
);

/** What a principal is made of (workflow/users.ts principalFrom), read with a user or a session. */
export const PRINCIPAL_COLUMNS = [
  "users.id",
  "users.name",
  "users.role",
  "users.township_id",
  "users.department",
  "users.disabled",
  "townships.name as township",
  "counties.name as county",
] as const;

/** Every user by name, with place names and how many sessions each has that expire after `now` (ISO). */
export function userListRows(db: WorkflowDb, now: string) {
  return usersWithPlace(db)
    .select((eb) => [
      "users.id",
      "users.name",
      "users.role",
      "users.department",
      "users.must_change",
      "users.totp_enabled",
      "users.locked_until",
      "users.disabled",
      "users.created_at",
      "townships.name as township",
      "counties.name as county",
      eb
        .selectFrom("sessions")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("sessions.user_id", "=", "users.id")
        .where("sessions.expires_at", ">", now)
        .as("sessions"),
    ])
    .orderBy("users.name")
    .execute();
}
