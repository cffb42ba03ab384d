/**
 * Item details move to item_details, one row per distinct text, and items point at theirs (detail_id):
 * the townships of a county copy the county departments' duties into their cooperative lists, so a
 * province stored the same details thousands of times (two thirds of the bytes a bulk import wrote; see
 * store/details.ts). Existing details are carried over; PostgreSQL compresses them with lz4 as 0013 did.
 */
import { type Kysely, sql } from "kysely";
import { detailDigest } from "../details.ts";
import { dialectOf } from "../dialect.ts";
import { hasLz4 } from "./0013_items_detail_lz4.ts";

/** Rows per insert while carrying details over (a detail is a few KB at most). */
const CHUNK = 500;

/**
 * Whether items has detail_id: on SQLite, `down` leaves it there (it cannot drop a foreign key's column),
 * and item_details with it, empty (SQLite refuses to write or delete items whose key names a missing table).
 */
async function hasDetailId(db: Kysely<unknown>): Promise<boolean> {
  if (dialectOf(db) === "postgres") return false;
  return (await itemColumns(db)).includes("detail_id");
}

async function itemColumns(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`pragma table_info(items)`.execute(db);
  return rows.map((c) => c.name);
}

/**
 * Whether the move is done already (SQLite only): Kysely records a SQLite migration in a statement of its
 * own after it, so a process stopped in between runs it again on its next start.
 */
async function moved(db: Kysely<unknown>): Promise<boolean> {
  if (dialectOf(db) === "postgres") return false;
  const columns = await itemColumns(db);
  return columns.includes("detail_id") && !columns.includes("detail");
}

/**
 * Runs `change` in one transaction: Kysely runs SQLite's migrations outside one (PostgreSQL's inside), and a
 * move stopped halfway would leave the details neither here nor there.
 */
function atomically(db: Kysely<unknown>, change: (db: Kysely<unknown>) => Promise<void>): Promise<void> {
  return db.isTransaction ? change(db) : db.transaction().execute(change);
}

export function up(db: Kysely<unknown>): Promise<void> {
  return atomically(db, moveDetails);
}

export function down(db: Kysely<unknown>): Promise<void> {
  return atomically(db, putDetailsBack);
}

async function moveDetails(db: Kysely<unknown>): Promise<void> {
  if (await moved(db)) return;
  const postgres = dialectOf(db) === "postgres";
  await db.schema
    .createTable("item_details")
    .ifNotExists()
    .addColumn("id", "integer", (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn("digest", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addUniqueConstraint("item_details_digest", ["digest"])
    .execute();
  if (postgres && (await hasLz4(db))) {
    await sql`alter table item_details alter column detail set compression lz4`.execute(db);
  }
  if (!(await hasDetailId(db))) {
    await db.schema
      .alterTable("items")
      .addColumn("detail_id", "integer", (c) => c.references("item_details.id"))
      .execute();
  }

  const { rows } = await sql<{ detail: string }>`
    select distinct detail from items where detail is not null`.execute(db);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await sql`insert into item_details (digest, detail)
      values ${sql.join(chunk.map((r) => sql`(${detailDigest(r.detail)}, ${r.detail})`))}`.execute(db);
  }
  if (postgres) {
    await sql`update items set detail_id = d.id from item_details d where d.detail = items.detail`.execute(
      db,
    );
  } else {
    // Found by text once, through an index made for the move (SQLite would scan the details per item).
    await sql`create index item_details_moving on item_details (detail)`.execute(db);
    await sql`update items set detail_id = (select d.id from item_details d where d.detail = items.detail)
      where detail is not null`.execute(db);
    await sql`drop index item_details_moving`.execute(db);
  }
  await db.schema.alterTable("items").dropColumn("detail").execute();
  // Deleting a detail no item carries any more (store/details.ts) finds its items through this.
  await db.schema
    .createIndex("items_detail")
    .on("items")
    .column("detail_id")
    .where(sql.ref("detail_id"), "is not", null)
    .execute();
}

async function putDetailsBack(db: Kysely<unknown>): Promise<void> {
  const postgres = dialectOf(db) === "postgres";
  await db.schema.alterTable("items").addColumn("detail", "text").execute();
  await sql`update items set detail = (select d.detail from item_details d where d.id = items.detail_id)
    where detail_id is not null`.execute(db);
  await db.schema.dropIndex("items_detail").execute();
  if (postgres) {
    await db.schema.alterTable("items").dropColumn("detail_id").execute();
    await db.schema.dropTable("item_details").execute();
  } else {
    await sql`update items set detail_id = null where detail_id is not null`.execute(db);
    await sql`delete from item_details`.execute(db);
  }
  if (postgres && (await hasLz4(db))) {
    await sql`alter table items alter column detail set compression lz4`.execute(db);
  }
}
