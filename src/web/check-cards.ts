/**
 * A check's answer made into what a clerk acts on, per task: confidence in words; for a cooperative item
 * ALL of the township's steps as the list numbers them, the ones the task touches marked (never hidden or
 * renumbered); for a reclaimed item a ready sentence to cite; for an unlisted task a ready reply. The record
 * is what a saved check keeps (store/saved-checks.ts): later editions never change it.
 */
import type { CooperativeItem, EditionDraft } from "../domain/edition.ts";
import { type ConfidenceLevel, confidenceLevel, type TaskCheck } from "../match/index.ts";

export interface CardStep {
  /** As the list numbers it inside its block (1-based). */
  number: number;
  text: string;
  /** The task concerns this step. */
  touched: boolean;
}

export interface CardStepBlock {
  department: string | null;
  heading: string | null;
  steps: CardStep[];
}

/** One task's result card: the engine's answer (offsets kept for JSON) and what the card adds. */
export type CheckCard = TaskCheck & {
  level: ConfidenceLevel;
  /** cooperative: every township step of the item, touched ones marked. */
  steps?: CardStepBlock[];
  /** cooperative: false when the task names no particular step (every step then applies, none marked). */
  stepsPointed?: boolean;
  /** reclaimed: the sentence to cite when declining the task. */
  citation?: string;
  /** unlisted: the reply a township sends back. */
  reply?: string;
};

/** What a check was made against and its cards: the body of a saved check. */
export interface CheckRecord {
  township: string;
  /** How URLs name the township (县名/乡镇名 where names repeat). */
  townshipRef: string;
  county: string;
  edition: { id: number; date: string; title: string };
  text: string;
  file: string | null;
  notice: string | null;
  cards: CheckCard[];
  /** Set when the tasks are the rows of a task sheet (then `text` is their tasks, one a line). */
  sheet?: SheetOrigin;
}

/**
 * Where a task sheet's tasks stood: the saved check's result and the page after a decision on one row show
 * the sheet's rows from these (the file, when kept, is in saved_check_files: only for the annotated workbook).
 */
export interface SheetOrigin {
  /** The worksheet's name. */
  sheet: string;
  /** The task column as the page names it. */
  column: { index: number; letter: string; header: string };
  /** Every row below the header, in order: its line and task (empty when the task column is). */
  rows: { line: number; task: string }[];
}

/** A saved check's body: the record, versioned. */
export function savedCheckBody(record: CheckRecord): string {
  return JSON.stringify({ version: 1, record });
}

/** The record a saved check's body holds. */
export function savedCheckRecord(body: string): CheckRecord {
  return (JSON.parse(body) as { record: CheckRecord }).record;
}

/** 《策勒乡履职事项清单》: the list as a reply names it. */
export function listTitle(township: string): string {
  return `《${township}履职事项清单》`;
}

function stepsOf(
  item: CooperativeItem,
  touchedTexts: readonly string[],
): Pick<CheckCard, "steps" | "stepsPointed"> {
  const total = item.townshipDuties.reduce((n, b) => n + b.steps.length, 0);
  const touched = new Set(touchedTexts);
  // The engine returns every step when none shares a word with the task: then none is singled out.
  const pointed = touched.size > 0 && (touched.size < total || total === 1);
  return {
    stepsPointed: pointed,
    steps: item.townshipDuties.map((b) => ({
      department: b.department,
      heading: b.heading,
      steps: b.steps.map((text, i) => ({ number: i + 1, text, touched: pointed && touched.has(text) })),
    })),
  };
}

/** The card of one task checked against `draft`. */
export function cardOf(draft: EditionDraft, task: TaskCheck): CheckCard {
  const card: CheckCard = { ...task, level: confidenceLevel(task) };
  const item = task.item
    ? draft.items.find((i) => i.list === task.item!.list && i.number === task.item!.number)
    : null;
  const title = listTitle(draft.township);
  if (task.verdict === "cooperative" && item?.list === "cooperative") {
    Object.assign(card, stepsOf(item, task.townshipSteps ?? []));
  }
  if (task.verdict === "reclaimed" && task.item) {
    const who = task.takeover?.departments.join("、") ?? "";
    card.citation = who
      ? `根据${title}上级部门收回事项第 ${task.item.number} 项，该事项已由 ${who} 承接。`
      : `根据${title}上级部门收回事项第 ${task.item.number} 项，该事项已由上级部门收回，不应交由乡镇办理。`;
  }
  if (task.verdict === "unlisted") {
    card.reply =
      `经核验，该任务不在${title}所列事项之内，属清单外事项。` +
      "根据职责准入制度，请交办部门先履行职责准入程序，经批准后再交由乡镇办理。";
  }
  return card;
}

/** The record of a check: cards for every task, and what it was checked against. */
export function recordOf(
  edition: { id: number; date: string; township: string; county: string; draft: EditionDraft },
  townshipRef: string,
  check: { text: string; file: string | null; tasks: readonly TaskCheck[]; notice: string | null },
): CheckRecord {
  return {
    township: edition.township,
    townshipRef,
    county: edition.county,
    edition: { id: edition.id, date: edition.date, title: edition.draft.title },
    text: check.text,
    file: check.file,
    notice: check.notice,
    cards: check.tasks.map((t) => cardOf(edition.draft, t)),
  };
}
