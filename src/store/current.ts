/**
 * Which edition of each township is current for the public, cross-township views (departments): the newest
 * published one. Drafts and editions in review are never shown there; superseded ones are history.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/**
 * A subquery of the ids of every township's current edition (one per township), for joins.
 * Newest means latest date, then latest id (a replace re-imports under a new id). With `county`, only
 * that county's townships are ranked: the window then costs a county's editions, not a province's.
 */
export function currentEditionIds(db: Kysely<Database>, county?: string) {
  let editions = db.selectFrom("editions").where("editions.status", "=", "published");
  if (county !== undefined) {
    editions = editions.where("editions.township_id", "in", (eb) =>
      eb
        .selectFrom("townships")
        .innerJoin("counties", "counties.id", "townships.county_id")
        .select("townships.id")
        .where("counties.name", "=", county),
    );
  }
  const ranked = editions.select((eb) => [
    "editions.id as id",
    eb.fn
      .agg<number>("row_number")
      .over((ob) =>
        ob
          .partitionBy("editions.township_id")
          .orderBy("editions.date", "desc")
          .orderBy("editions.id", "desc"),
      )
      .as("rank"),
  ]);
  return db.selectFrom(ranked.as("ranked")).select("ranked.id").where("ranked.rank", "=", 1);
}
