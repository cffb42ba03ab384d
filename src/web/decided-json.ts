/**
 * The JSON twin of a decision's address (GET /api/v1/t/:township/check/decision?check=…&precedent=…): what
 * the page shows, as data — the precedent stored (or null when it no longer stands), the note, the decided
 * task and its place in the saved check, and the saved check checked again with the county's precedents:
 * a notice's (or the task's) `tasks` as /api/v1/check gives them, or a task sheet's `rows` as
 * /api/v1/t/:township/check/sheet gives them.
 */
import type { Precedent } from "../domain/precedent.ts";
import { type DecidedData, placesOf } from "./check-decided.ts";
import { checkAgainst } from "./check-work.ts";
import { checkRows } from "./file-checks.ts";

/** A decision's address as data (see the module's comment); `precedents`: the county's, as the page checks with. */
export async function decidedJson(d: DecidedData, precedents: readonly Precedent[]) {
  const { edition, origin, precedent } = d;
  const at = origin && d.task ? placesOf(origin.record).find((p) => p.task === d.task)?.anchor : undefined;
  const head = {
    township: edition.township,
    county: edition.county,
    edition: { id: edition.id, date: edition.date },
    check: origin?.id ?? null,
    savedUrl: origin ? `/checks/${origin.id}` : null,
    precedent: precedent && {
      id: precedent.id,
      text: precedent.text,
      verdict: precedent.verdict,
      item: precedent.item,
      source: precedent.source,
      decidedBy: precedent.decidedBy,
      decidedAt: precedent.decidedAt,
    },
    note: d.note,
    task: d.task || null,
    at: at ?? null,
  };
  const sheet = origin?.record.sheet;
  if (sheet) {
    const checked = await checkRows(edition, sheet.rows, precedents);
    return {
      ...head,
      sheet: { sheet: sheet.sheet, column: sheet.column },
      rows: checked.rows.flatMap((r) => (r.result ? [{ row: r.line, text: r.task, ...r.result }] : [])),
      emptyRows: checked.rows.filter((r) => !r.result).map((r) => r.line),
      counts: checked.counts,
      review: checked.review,
    };
  }
  const text = origin?.record.text || d.task;
  return { ...head, ...(await checkAgainst(edition, text, precedents)) };
}
