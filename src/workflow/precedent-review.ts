/**
 * Reviewing precedents that were set aside (issue 10 row 4): a precedent whose item a later edition
 * removed or moved is never applied; an admin sees them here, per county, with the reason for each
 * township whose current edition sets it aside, and decides each one again (a verdict and an item of
 * that edition) or deletes it. Both are audited in the same transaction as the change. The precedents
 * still applied are listed too (newest first), so that an admin can withdraw one (the same audited delete).
 */
import type { ListKind } from "../domain/edition.ts";
import { Refusal } from "../domain/refusal.ts";
import type { Verdict } from "../domain/verdict.ts";
import { type EditionItems, editionItems, type SetAsideReason, setAsideReason } from "../match/index.ts";
import { currentEditionOf } from "../store/editions.ts";
import type { SqlDutyStore } from "../store/index.ts";
import {
  allPrecedents,
  countiesOfTownships,
  deletePrecedent,
  precedentById,
  redecidePrecedent,
  type StoredPrecedent,
} from "../store/precedents.ts";
import { townshipInCounty } from "../store/townships.ts";
import type { StoredEdition } from "../store/types.ts";
import { storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { requireRole } from "./access.ts";
import { appendAudit } from "./audit.ts";
import { DecidedAnswer, resolveItem } from "./precedents.ts";
import type { Principal } from "./principal.ts";

/** A township whose current edition sets a precedent aside, and why. */
export interface SetAsideIn {
  township: string;
  /** The edition's date (YYYY-MM) and status. */
  edition: { id: number; date: string; status: string };
  reason: SetAsideReason;
}

export interface SetAsideEntry {
  precedent: StoredPrecedent;
  townships: SetAsideIn[];
}

export interface CountyReview {
  county: string;
  /** The county's region: shown beside the name where two counties listed share it. */
  region: string;
  /** The county's precedents in all. */
  precedents: number;
  /** The townships of the county with an edition (the choices for a re-decision). */
  townships: string[];
  setAside: SetAsideEntry[];
  /**
   * The precedents no township's current edition sets aside (the checks apply them), in stored order:
   * the page lists every county's together, newest first (newestFirst).
   */
  active: StoredPrecedent[];
}

/**
 * The current edition (newest published, else newest) of every township, grouped by county id (county
 * names repeat across China: a same-named county elsewhere is another county).
 */
async function editionsByCounty(store: SqlDutyStore): Promise<Map<number, StoredEdition[]>> {
  const townships = await store.listTownships();
  const countyOf = await countiesOfTownships(
    store.db,
    townships.map((t) => t.id),
  );
  const out = new Map<number, StoredEdition[]>();
  for (const t of townships) {
    const edition = await currentEditionOf(store.db, t.id);
    const county = countyOf.get(t.id);
    if (!edition || county === undefined) continue;
    out.set(county, [...(out.get(county) ?? []), edition]);
  }
  return out;
}

/** Latest decision first (a re-decided precedent counts from its new decision), then the latest stored. */
export function newestFirst(a: StoredPrecedent, b: StoredPrecedent): number {
  return b.decidedAt.localeCompare(a.decidedAt) || b.id - a.id;
}

/** Every county with precedents, and those of its precedents that some township's current edition sets aside. */
export async function precedentReview(
  store: SqlDutyStore,
  principal: Principal | null,
): Promise<CountyReview[]> {
  requireRole(principal, "admin");
  const precedents = await allPrecedents(store.db);
  if (precedents.length === 0) return [];
  const editions = await editionsByCounty(store);
  const counties = new Map<number, CountyReview>();
  // Each edition's items once, not its match index: the page only asks whether each precedent's item is there.
  const itemsOf = new Map<number, EditionItems>(
    [...editions.values()].flat().map((e) => [e.id, editionItems(e.draft)]),
  );
  for (const { countyId, ...p } of precedents) {
    const ofCounty = editions.get(countyId) ?? [];
    let county = counties.get(countyId);
    if (!county) {
      county = {
        county: p.county,
        region: p.region,
        precedents: 0,
        townships: ofCounty.map((e) => e.township),
        setAside: [],
        active: [],
      };
      counties.set(countyId, county);
    }
    county.precedents++;
    const townships = ofCounty.flatMap((edition): SetAsideIn[] => {
      const reason = setAsideReason(itemsOf.get(edition.id)!, p);
      return reason
        ? [
            {
              township: edition.township,
              edition: { id: edition.id, date: edition.date, status: edition.status },
              reason,
            },
          ]
        : [];
    });
    if (townships.length) county.setAside.push({ precedent: p, townships });
    else county.active.push(p);
  }
  return [...counties.values()];
}

/** A re-decision as the form and the API give it: the verdict, the item's number, the township whose edition names it. */
export interface Redecision {
  verdict: Verdict;
  number?: number | null | undefined;
  township: string;
}

/** The precedent, refused as not found when it does not exist. */
async function existing(store: SqlDutyStore, id: number) {
  const p = await precedentById(store.db, id);
  if (!p) throw new Refusal("not-found", `没有第 ${id} 号先例`);
  return p;
}

/**
 * Decides a precedent again against the current edition of a township of its county: the new verdict and
 * item (with the item's name in that edition, so the precedent applies there again), by this admin, now.
 */
export async function redecide(
  db: WorkflowDb,
  store: SqlDutyStore,
  principal: Principal | null,
  id: number,
  input: Redecision,
  now = new Date(),
): Promise<StoredPrecedent> {
  const who = requireRole(principal, "admin");
  const before = await existing(store, id);
  // A township of the precedent's own county, not of a same-named one elsewhere (names repeat across China).
  const township = await townshipInCounty(store.db, before.countyId, input.township);
  const edition = township ? await currentEditionOf(store.db, township.id) : undefined;
  if (!edition) throw new Refusal("invalid", `${before.county}没有乡镇“${input.township}”的清单`);
  const listed = input.verdict !== "unlisted";
  const parsed = DecidedAnswer.safeParse({
    text: before.text,
    verdict: input.verdict,
    list: listed ? (input.verdict as ListKind) : null,
    number: listed ? (input.number ?? null) : null,
  });
  if (!parsed.success) throw new Refusal("invalid", parsed.error.issues.map((i) => i.message).join("；"));
  const item = resolveItem(edition.draft, parsed.data);
  const change = {
    verdict: parsed.data.verdict,
    item,
    source: "review" as const,
    decidedBy: who.name,
    decidedAt: now.toISOString(),
  };
  await inTransaction(db, async (trx) => {
    await redecidePrecedent(storeDb(trx), id, change);
    await appendAudit(trx, {
      actor: who.name,
      action: "precedent.review",
      subject: `precedent:${id}`,
      before: {
        verdict: before.verdict,
        item: before.item,
        decidedBy: before.decidedBy,
        decidedAt: before.decidedAt,
      },
      after: { ...change, township: edition.township, edition: edition.date },
    });
  });
  return (await precedentById(store.db, id))!;
}

/** Deletes a precedent, audited with what it said. */
export async function removePrecedent(
  db: WorkflowDb,
  store: SqlDutyStore,
  principal: Principal | null,
  id: number,
): Promise<void> {
  const who = requireRole(principal, "admin");
  const before = await existing(store, id);
  await inTransaction(db, async (trx) => {
    await deletePrecedent(storeDb(trx), id);
    await appendAudit(trx, {
      actor: who.name,
      action: "precedent.delete",
      subject: `precedent:${id}`,
      before: {
        county: before.county,
        text: before.text,
        verdict: before.verdict,
        item: before.item,
        decidedBy: before.decidedBy,
        decidedAt: before.decidedAt,
      },
    });
  });
}
