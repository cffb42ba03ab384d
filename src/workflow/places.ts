/** Townships and their editions as the workflow needs them: by name, and the published or working one. */
import { parseTownshipRef } from "../domain/names.ts";
import type { SqlDutyStore, StoredEdition } from "../store/index.ts";
import { editionIdAt, newestEditionIdWith, townshipRowById, townshipsNamed } from "../store/places.ts";
import type { WorkflowDb } from "../store/workflow-schema.ts";
import { invalid } from "./errors.ts";

export interface TownshipRef {
  id: number;
  name: string;
  county: string;
  countyId: number;
}

/** The township a name refers to: "策勒乡", or "策勒县/策勒乡" when the name repeats. 400 otherwise. */
export async function townshipByName(db: WorkflowDb, given: string): Promise<TownshipRef> {
  const { county, township: name } = parseTownshipRef(given);
  const rows = await townshipsNamed(db, name, county);
  if (rows.length === 0) throw invalid(`没有乡镇“${given}”`);
  if (rows.length > 1) throw invalid(`乡镇“${given}”在多个县重名：请写成“县名/乡镇名”`);
  return rows[0]!;
}

/** The township of an id. */
export async function townshipById(db: WorkflowDb, id: number): Promise<TownshipRef> {
  return townshipRowById(db, id);
}

async function newestWith(
  db: WorkflowDb,
  store: SqlDutyStore,
  townshipId: number,
  statuses: ("draft" | "review" | "published" | "superseded")[],
): Promise<StoredEdition | undefined> {
  const id = await newestEditionIdWith(db, townshipId, statuses);
  return id === undefined ? undefined : store.getEditionById(id);
}

/** The township's current published edition (what the public and the task check see). */
export function publishedEdition(db: WorkflowDb, store: SqlDutyStore, townshipId: number) {
  return newestWith(db, store, townshipId, ["published"]);
}

/** The township's working edition (draft or in review), if any. */
export function workingEdition(db: WorkflowDb, store: SqlDutyStore, townshipId: number) {
  return newestWith(db, store, townshipId, ["draft", "review"]);
}

/** An edition by township and date. */
export async function editionAt(
  db: WorkflowDb,
  store: SqlDutyStore,
  townshipId: number,
  date: string,
): Promise<StoredEdition | undefined> {
  const id = await editionIdAt(db, townshipId, date);
  return id === undefined ? undefined : store.getEditionById(id);
}
