/**
 * The editions' lifecycle writes the workflow makes (status, effective date) and the reads it needs for them.
 * The lifecycle's rules (which transition is allowed, when a draft may be published) stay in workflow/editions.ts.
 */
import type { EditionStatus } from "./types.ts";
import type { WorkflowDb } from "./workflow-schema.ts";

/** Sets an edition's status. */
export async function setEditionStatus(
  db: WorkflowDb,
  editionId: number,
  status: EditionStatus,
): Promise<void> {
  await db.updateTable("editions").set({ status }).where("id", "=", editionId).execute();
}

/** The dates of every edition of a township. */
export async function editionDatesOf(db: WorkflowDb, townshipId: number): Promise<string[]> {
  const rows = await db.selectFrom("editions").select("date").where("township_id", "=", townshipId).execute();
  return rows.map((r) => r.date);
}

/** Id and date of every published edition of a township. */
export function publishedEditionHeads(
  db: WorkflowDb,
  townshipId: number,
): Promise<{ id: number; date: string }[]> {
  return db
    .selectFrom("editions")
    .select(["id", "date"])
    .where("township_id", "=", townshipId)
    .where("status", "=", "published")
    .execute();
}

/** Moves an edition to another date, with the review rounds and proposals that name it by township and date. */
export async function redateEdition(
  db: WorkflowDb,
  townshipId: number,
  editionId: number,
  from: string,
  to: string,
): Promise<void> {
  await db.updateTable("editions").set({ date: to }).where("id", "=", editionId).execute();
  for (const table of ["review_rounds", "proposals"] as const) {
    await db
      .updateTable(table)
      .set({ edition_date: to })
      .where("township_id", "=", townshipId)
      .where("edition_date", "=", from)
      .execute();
  }
}
