/** Which edition of each township is current: the newest published one, else the newest of any status. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * A subquery of the ids of every township's current edition (one per township), for joins.
 * Newest means latest date, then latest id (a replace re-imports under a new id).
 */
export function currentEditionIds(db: Kysely<Database>) {
  const ranked = db.selectFrom("editions").select((eb) => [
    "editions.id as id",
    eb.fn
      .agg<number>("row_number")
      .over((ob) =>
        ob
          .partitionBy("editions.township_id")
          .orderBy(eb.case().when("editions.status", "=", "published").then(0).else(1).end())
          .orderBy("editions.date", "desc")
          .orderBy("editions.id", "desc"),
      )
      .as("rank"),
  ]);
  return db.selectFrom(ranked.as("ranked")).select("ranked.id").where("ranked.rank", "=", 1);
}
