/** Departments across townships: which ones the current editions name, and what each is involved in. */
import type { Kysely } from "kysely";
import { canonicalDepartment } from "../domain/departments.ts";
import { currentEditionIds } from "./current.ts";
import { ITEM_ROW_COLUMNS, rowToItem } from "./rows.ts";
import type { Database } from "./schema.ts";
import type { DepartmentUse } from "./types.ts";

/** Department links of the items of every township's current edition (of one county, or all). */
function currentLinks(db: Kysely<Database>, county?: string) {
  return db
    .selectFrom("departments")
    .innerJoin("counties", "counties.id", "departments.county_id")
    .innerJoin("item_departments", "item_departments.department_id", "departments.id")
    .innerJoin("items", "items.id", "item_departments.item_id")
    .innerJoin(currentEditionIds(db, county).as("current"), "current.id", "items.edition_id");
}

/** Departments named in the current editions (of one county, or all), most involved first. */
export async function listDepartments(
  db: Kysely<Database>,
  county?: string,
): Promise<{ name: string; county: string; items: number }[]> {
  let query = currentLinks(db, county)
    .select((eb) => [
      "departments.name",
      "counties.name as county",
      eb.fn.count("items.id").distinct().as("item_count"),
    ])
    .groupBy(["departments.id", "counties.id"]);
  if (county !== undefined) query = query.where("counties.name", "=", county);
  const rows = await query.orderBy("item_count", "desc").orderBy("departments.id").execute();
  // COUNT is a string (bigint) on PostgreSQL.
  return rows.map((r) => ({ name: r.name, county: r.county, items: Number(r.item_count) }));
}

/**
 * Every item of the current editions that the department leads or took over. `name` may be an alias
 * (人社局) or carry a county prefix (策勒县人社局). `county` of the answer is the county asked for, else the
 * only county involved, else empty (the department's name occurs in several counties).
 */
export async function departmentUse(
  db: Kysely<Database>,
  name: string,
  county?: string,
): Promise<DepartmentUse> {
  const department = await resolveDepartmentName(db, name, county);
  let query = currentLinks(db, county)
    .leftJoin("item_details", "item_details.id", "items.detail_id")
    .innerJoin("editions", "editions.id", "items.edition_id")
    .innerJoin("townships", "townships.id", "editions.township_id")
    .select(ITEM_ROW_COLUMNS)
    .select(["items.id", "items.edition_id", "townships.name as township", "counties.name as county"])
    .where("departments.name", "=", department);
  if (county !== undefined) query = query.where("counties.name", "=", county);
  const rows = await query.orderBy("townships.id").orderBy("items.position").execute();

  const seen = new Set<number>();
  const items: DepartmentUse["items"] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    items.push({ township: row.township, editionId: row.edition_id, item: rowToItem(row) });
  }
  const counties = new Set(rows.map((r) => r.county));
  const only = counties.size === 1 ? [...counties][0]! : "";
  return { department, county: county ?? only, items };
}

/** The canonical name for a department as a user typed it, folding a stored county's name if it leads. */
async function resolveDepartmentName(db: Kysely<Database>, name: string, county?: string): Promise<string> {
  if (county !== undefined) return canonicalDepartment(name, county);
  const counties = await db.selectFrom("counties").select("name").distinct().execute();
  const prefix = counties.map((c) => c.name).find((c) => name.trim().startsWith(c));
  return canonicalDepartment(name, prefix);
}

/** Every department name the stored lists use (canonical, any county), and the counties' names. */
export async function storedDepartmentNames(
  db: Kysely<Database>,
): Promise<{ departments: string[]; counties: string[] }> {
  const [departments, counties] = await Promise.all([
    db.selectFrom("departments").select("name").distinct().execute(),
    db.selectFrom("counties").select("name").distinct().execute(),
  ]);
  return { departments: departments.map((d) => d.name), counties: counties.map((c) => c.name) };
}
