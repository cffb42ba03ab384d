/**
 * PostgreSQL only: item details (the cooperative list's duties, JSON) are compressed with lz4 instead of
 * pglz when the server has it (PostgreSQL 14+, built with lz4; listed in default_toast_compression's
 * values). About one item in thirty is long enough to be compressed; pglz spent ~9 % of the server's time
 * in a bulk import's item COPY, lz4 compresses several times faster and decompresses faster for readers.
 * Only values written from now on change; stored ones read as before (each value records its method).
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "../dialect.ts";

export async function hasLz4(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`
    select coalesce(bool_or('lz4' = any(enumvals)), false) as lz4
    from pg_settings where name = 'default_toast_compression'`.execute(db);
  return rows[0]?.lz4 === true;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "postgres" || !(await hasLz4(db))) return;
  await sql`alter table items alter column detail set compression lz4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== "postgres" || !(await hasLz4(db))) return;
  await sql`alter table items alter column detail set compression default`.execute(db);
}
