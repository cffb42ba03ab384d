/**
 * Where a decision (确认 / 纠正 / 选此项) lands. A decision is made on a task of a saved check (the form names
 * it, `from`, and the task's place in it, `at`: a card's task-N, a task sheet's row-N); once stored, the
 * browser is sent (303) to the decision's address, which shows that saved check checked again with the
 * precedent just stored, at the decided task. The saved check itself (/checks/:id) stays the record of
 * what was answered then; the address of a decision is `/t/:township/check/decision?check=…&precedent=…`.
 */
import type { Kysely } from "kysely";
import { countyOfEdition, precedentById, type StoredPrecedent } from "../store/precedents.ts";
import { checkDecisionMarks } from "../store/saved-checks.ts";
import type { Database, PrecedentSource } from "../store/schema.ts";
import type { StoredEdition } from "../store/types.ts";
import type { CheckRecord } from "./check-cards.ts";

/** A saved check a decision was made on: its id and record. */
export interface DecisionOrigin {
  id: string;
  record: CheckRecord;
}

/**
 * A decision's address as loaded (access decided): the edition, the saved check it was made on (or none), the precedent while it still stands (else null, `task` blank), the
 * decided task's wording and what the page says of it.
 */
export interface DecidedData {
  edition: StoredEdition;
  origin: DecisionOrigin | null;
  precedent: StoredPrecedent | null;
  task: string;
  note: string;
}

/** The id of a task's element on the page that shows a saved check again, as the forms send it. */
export const TASK_ANCHOR = /^(task|row)-\d{1,6}$/;

/** Each task of a saved check with the id of its element: a task sheet's row-N, else a card's task-N. */
export function placesOf(record: CheckRecord): { anchor: string; task: string }[] {
  if (record.sheet)
    return record.sheet.rows.filter((r) => r.task).map((r) => ({ anchor: `row-${r.line}`, task: r.task }));
  return record.cards.map((card, i) => ({ anchor: `task-${i + 1}`, task: card.text }));
}

/**
 * The place in `record` of the task decided on: the one `at` names, when it holds that task; without `at`,
 * the first that does. Undefined when the saved check has no such task there (nothing is to be stored).
 */
export function placeOf(record: CheckRecord, task: string, at: string): string | undefined {
  const same = (t: string) => t.trim() === task.trim();
  const places = placesOf(record);
  const found = at ? places.find((p) => p.anchor === at) : places.find((p) => same(p.task));
  return found && same(found.task) ? found.anchor : undefined;
}

/** A place as a clerk reads it: 第 N 行 of a task sheet, 第 N 项 of a notice. */
export function placeName(at: string): string {
  const [kind, n] = at.split("-");
  return kind === "row" ? `第 ${n} 行` : `第 ${n} 项`;
}

/**
 * The address of a decision: the saved check it was made on (`check`, when there is one) checked again,
 * with precedent `precedent`, at `anchor`. Built from the store's values only (a saved check's id, a
 * precedent's id, an anchor found in the record) and the township as the loaded edition's route named it.
 */
export function decidedHref(
  townshipRef: string,
  decided: { check: string | null; precedent: number },
  anchor?: string,
): string {
  const query = new URLSearchParams();
  if (decided.check) query.set("check", decided.check);
  query.set("precedent", String(decided.precedent));
  return `/t/${encodeURIComponent(townshipRef)}/check/decision?${query}${anchor ? `#${anchor}` : ""}`;
}

/** What the page says of a decision, from the precedent as stored (not from the address). */
export function decidedNote(source: PrecedentSource): string {
  const done = source === "correction" ? "已纠正并" : source === "confirmation" ? "已确认并" : "已";
  return `${done}记录为先例：本县今后核验同类任务将采用这一结论。`;
}

/** A task of a saved check that was decided from it: the decision as its precedent now stands, and its page. */
export interface DecidedMark {
  /** The decided item within its list (第34项 某某); blank for an unlisted task. */
  item: string;
  verdict: StoredPrecedent["verdict"];
  /** 已确认 / 已纠正 / 已记录. */
  done: string;
  decidedBy: string;
  decidedAt: string;
  /** The decision's address (decidedHref), at the task. */
  href: string;
}

/**
 * The tasks of saved check `id` decided from it, by place (task-N, row-N): each with its precedent while it
 * stands for that task (this county's, the same wording); a precedent since deleted or reworded marks nothing.
 * Read after the saved check's access was decided.
 */
export async function decidedMarks(
  db: Kysely<Database>,
  townshipRef: string,
  edition: StoredEdition,
  id: string,
  record: CheckRecord,
): Promise<Map<string, DecidedMark>> {
  const marks = await checkDecisionMarks(db, id);
  const found = new Map<string, DecidedMark>();
  if (marks.length === 0) return found;
  const county = await countyOfEdition(db, edition.id);
  const tasks = new Map(placesOf(record).map((p) => [p.anchor, p.task.trim()]));
  for (const mark of marks) {
    const p = await precedentById(db, mark.precedentId);
    if (!p || p.countyId !== county || tasks.get(mark.place) !== p.text.trim()) continue;
    found.set(mark.place, {
      item: p.item ? `第${p.item.number}项 ${p.item.name}` : "",
      verdict: p.verdict,
      done: p.source === "correction" ? "已纠正" : p.source === "confirmation" ? "已确认" : "已记录",
      decidedBy: p.decidedBy,
      decidedAt: p.decidedAt,
      href: decidedHref(townshipRef, { check: id, precedent: p.id }, mark.place),
    });
  }
  return found;
}
