/** The first schema: counties, townships, editions, items, departments and who leads or took over what. */
import { type Kysely, sql } from "kysely";
import { withIdColumn } from "../dialect.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("counties"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull().defaultTo(""))
    .addUniqueConstraint("counties_region_name", ["region", "name"])
    .execute();

  await withIdColumn(db, db.schema.createTable("townships"))
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addUniqueConstraint("townships_county_name", ["county_id", "name"])
    .execute();
  await db.schema.createIndex("townships_name").on("townships").column("name").execute();

  await withIdColumn(db, db.schema.createTable("editions"))
    .addColumn("township_id", "integer", (c) => c.notNull().references("townships.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('draft', 'review', 'published', 'superseded')`),
    )
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("source_file", "text", (c) => c.notNull())
    .addColumn("preface", "text", (c) => c.notNull())
    .addColumn("stated", "text", (c) => c.notNull())
    .addColumn("warnings", "text", (c) => c.notNull())
    .addUniqueConstraint("editions_township_date", ["township_id", "date"])
    .execute();

  await withIdColumn(db, db.schema.createTable("items"))
    .addColumn("edition_id", "integer", (c) => c.notNull().references("editions.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("list", "text", (c) => c.notNull().check(sql`list in ('basic', 'cooperative', 'reclaimed')`))
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("local", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("remark", "text")
    .addColumn("detail", "text")
    .addUniqueConstraint("items_edition_list_number", ["edition_id", "list", "number"])
    .execute();

  await withIdColumn(db, db.schema.createTable("departments"))
    .addColumn("county_id", "integer", (c) => c.notNull().references("counties.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addUniqueConstraint("departments_county_name", ["county_id", "name"])
    .execute();
  // departmentUse looks a name up across every county.
  await db.schema.createIndex("departments_name").on("departments").column("name").execute();

  await db.schema
    .createTable("item_departments")
    .addColumn("item_id", "integer", (c) => c.notNull().references("items.id").onDelete("cascade"))
    .addColumn("department_id", "integer", (c) => c.notNull().references("departments.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('lead', 'takeover')`))
    .addPrimaryKeyConstraint("item_departments_pk", ["item_id", "department_id", "role"])
    .execute();
  await db.schema
    .createIndex("item_departments_department")
    .on("item_departments")
    .columns(["department_id", "item_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["item_departments", "departments", "items", "editions", "townships", "counties"]) {
    await db.schema.dropTable(table).execute();
  }
}
