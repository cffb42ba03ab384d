/**
 * Adjustment proposals' queries. The rules (who may propose, what an accepted proposal does to a draft) are in
 * workflow/proposals.ts, which also reads the JSON body (target and item) of each row.
 */
import type { Insertable } from "kysely";
import type { ProposalStatus, ProposalTable, WorkflowDb } from "./workflow-schema.ts";

/** Stores a proposal; returns its id. */
export async function insertProposal(db: WorkflowDb, row: Insertable<ProposalTable>): Promise<number> {
  const { id } = await db.insertInto("proposals").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

function proposalRows(db: WorkflowDb) {
  return db
    .selectFrom("proposals")
    .innerJoin("users as author", "author.id", "proposals.author_id")
    .leftJoin("users as decider", "decider.id", "proposals.decided_by")
    .leftJoin("townships", "townships.id", "proposals.township_id")
    .selectAll("proposals")
    .select(["author.name as author", "decider.name as decider", "townships.name as township"]);
}

/** A proposal row with its author's, decider's and township's names. */
export type ProposalRow = Awaited<ReturnType<ReturnType<typeof proposalRows>["executeTakeFirstOrThrow"]>>;

/** One proposal, or undefined. */
export function proposalById(db: WorkflowDb, id: number): Promise<ProposalRow | undefined> {
  return proposalRows(db).where("proposals.id", "=", id).executeTakeFirst();
}

/**
 * Up to 500 proposals, newest first. `ownTownshipId` and `townshipId` both restrict the township (a township
 * user's own, and a filter); `authorId` restricts the author.
 */
export function proposalList(
  db: WorkflowDb,
  filter: { ownTownshipId?: number | null; authorId?: number; status?: ProposalStatus; townshipId?: number },
): Promise<ProposalRow[]> {
  let q = proposalRows(db);
  if (filter.ownTownshipId !== undefined) q = q.where("proposals.township_id", "=", filter.ownTownshipId);
  if (filter.authorId !== undefined) q = q.where("proposals.author_id", "=", filter.authorId);
  if (filter.status) q = q.where("proposals.status", "=", filter.status);
  if (filter.townshipId) q = q.where("proposals.township_id", "=", filter.townshipId);
  return q.orderBy("proposals.id", "desc").limit(500).execute();
}

/** Writes the decision onto a proposal. */
export async function updateProposalDecision(
  db: WorkflowDb,
  id: number,
  set: Pick<ProposalTable, "status" | "decided_by" | "decided_at" | "decision_reason" | "edition_date">,
): Promise<void> {
  await db.updateTable("proposals").set(set).where("id", "=", id).execute();
}
