/** The edition revision: a number that changes whenever any edition or item is written, in any process. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** The current revision (one indexed single-row read: cheap enough to poll every second or two). */
export async function editionsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("edition_revision")
    .select("revision")
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.revision);
}
