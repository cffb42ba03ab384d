/**
 * Comparing two editions of a township: items added, removed, moved between lists, changed (with a
 * word-level diff inside names and steps), and the totals before and after. Items are matched by name
 * (the same name in another list is a move), then by number and similar wording (a renamed item).
 */
import { diffArrays } from "diff";
import {
  type EditionDraft,
  type Item,
  itemKey,
  LIST_KINDS,
  type ListKind,
  type ListSummary,
  summarize,
} from "../domain/edition.ts";

/** A run of text that is the same, added or deleted. */
export interface Piece {
  text: string;
  op: "same" | "add" | "del";
}

/**
 * One row of a step list compared side by side: a step kept, removed, added, or rewritten (then both
 * sides carry the word-level pieces). `heading` rows are a department's or a heading's line, not steps.
 */
export interface StepRow {
  op: "same" | "add" | "del" | "change";
  before: Piece[] | null;
  after: Piece[] | null;
  heading: boolean;
}

export interface FieldChange {
  field: string;
  /** Label in Chinese, for pages. */
  label: string;
  /** The whole field as one word-level diff (its lines joined by newlines). */
  pieces: Piece[];
  /** Fields that are lists of steps: the steps side by side. */
  rows?: StepRow[];
  /** Steps of this field that are gone (not rewritten): a change that drops content says so. */
  stepsRemoved: number;
  stepsAdded: number;
}

export interface ItemRef {
  list: ListKind;
  number: number;
  name: string;
  key: string;
}

export interface ChangedItem {
  before: ItemRef;
  after: ItemRef;
  changes: FieldChange[];
}

export interface EditionDiff {
  added: ItemRef[];
  removed: ItemRef[];
  moved: ChangedItem[];
  changed: ChangedItem[];
  /** Same content, new number only (items after a removed one move up). */
  renumbered: { before: ItemRef; after: ItemRef }[];
  unchanged: number;
  totals: { before: Record<ListKind, ListSummary>; after: Record<ListKind, ListSummary> };
}

const words = new Intl.Segmenter("zh-Hans", { granularity: "word" });

/** Word tokens of a text that join back to it exactly (Intl's dictionary segmentation for Chinese). */
export function tokens(text: string): string[] {
  return [...words.segment(text)].map((s) => s.segment);
}

/** A word-level diff of two texts as pieces (adjacent runs merged). */
export function wordDiff(before: string, after: string): Piece[] {
  const pieces: Piece[] = [];
  for (const part of diffArrays(tokens(before), tokens(after))) {
    const op = part.added ? "add" : part.removed ? "del" : "same";
    const text = part.value.join("");
    const last = pieces.at(-1);
    if (last && last.op === op) last.text += text;
    else if (text) pieces.push({ text, op });
  }
  return pieces;
}

function ref(item: Item): ItemRef {
  return { list: item.list, number: item.number, name: item.name, key: itemKey(item) };
}

/** A line of a step list: a step, or a department's or heading's line above its steps. */
export interface Line {
  text: string;
  heading: boolean;
}

const steps = (texts: readonly string[]): Line[] => texts.map((text) => ({ text, heading: false }));

/** The comparable fields of an item: a single text, or lines (one per step). */
function fields(item: Item): [field: string, label: string, value: string | Line[]][] {
  const out: [string, string, string | Line[]][] = [
    ["name", "事项名称", item.name],
    ["category", "事项类别", item.category],
    ["local", "个性事项", item.local ? "是" : "否"],
  ];
  if (item.list === "cooperative") {
    out.push(["leadDepartments", "牵头部门", [...item.leadDepartments, ...item.otherLeads].join("、")]);
    out.push(["departmentDuties", "上级部门职责", blockLines(item.departmentDuties)]);
    out.push(["townshipDuties", "乡镇（街道）配合职责", blockLines(item.townshipDuties)]);
  } else if (item.list === "reclaimed") {
    const t = item.takeover;
    out.push(["takeover", "承接部门", t.none ? "无" : t.departments.join("、")]);
    out.push(["workMethod", "工作方式", steps(t.workMethod)]);
    out.push(["workStandard", "工作标准", steps(t.workStandard)]);
  }
  return out;
}

function blockLines(blocks: Extract<Item, { list: "cooperative" }>["departmentDuties"]): Line[] {
  return blocks.flatMap((b) => [
    ...[b.department ?? b.group ?? "", b.heading ?? ""]
      .filter(Boolean)
      .map((text) => ({ text, heading: true })),
    ...steps(b.steps),
  ]);
}

const textOf = (v: string | Line[] | undefined): string =>
  v === undefined ? "" : typeof v === "string" ? v : v.map((l) => l.text).join("\n");

function addRow(l: Line): StepRow {
  return { op: "add", before: null, after: [{ text: l.text, op: "add" }], heading: l.heading };
}

function delRow(l: Line): StepRow {
  return { op: "del", before: [{ text: l.text, op: "del" }], after: null, heading: l.heading };
}

/** Removed lines against the added lines that replace them: similar ones paired as rewrites, in order. */
function pairRuns(removed: readonly Line[], added: readonly Line[]): StepRow[] {
  const rows: StepRow[] = [];
  let a = 0;
  for (const r of removed) {
    let match = -1;
    for (let at = a; at < added.length; at++) {
      const x = added[at]!;
      if (x.heading === r.heading && similarity(r.text, x.text) >= 0.4) {
        match = at;
        break;
      }
    }
    if (match < 0) {
      rows.push(delRow(r));
      continue;
    }
    for (; a < match; a++) rows.push(addRow(added[a]!));
    const pieces = wordDiff(r.text, added[a]!.text);
    rows.push({
      op: "change",
      before: pieces.filter((p) => p.op !== "add"),
      after: pieces.filter((p) => p.op !== "del"),
      heading: r.heading,
    });
    a++;
  }
  for (; a < added.length; a++) rows.push(addRow(added[a]!));
  return rows;
}

/** Two step lists side by side: kept lines, removed and added ones, rewritten ones (see pairRuns). */
export function stepRows(before: readonly Line[], after: readonly Line[]): StepRow[] {
  const rows: StepRow[] = [];
  const key = (l: Line) => `${l.heading ? "#" : ""}${l.text}`;
  const parts = diffArrays(before.map(key), after.map(key));
  let i = 0;
  let j = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    const n = part.value.length;
    if (!part.added && !part.removed) {
      for (const l of before.slice(i, i + n)) {
        const same = [{ text: l.text, op: "same" as const }];
        rows.push({ op: "same", before: same, after: same, heading: l.heading });
      }
      i += n;
      j += n;
    } else if (part.removed) {
      const next = parts[k + 1];
      const m = next?.added ? next.value.length : 0;
      if (m) k++;
      rows.push(...pairRuns(before.slice(i, i + n), after.slice(j, j + m)));
      i += n;
      j += m;
    } else {
      rows.push(...after.slice(j, j + n).map(addRow));
      j += n;
    }
  }
  return rows;
}

/** Field-by-field changes between two versions of an item (fields of either list). */
export function itemChanges(before: Item, after: Item): FieldChange[] {
  const a = new Map(fields(before).map(([f, l, v]) => [f, { l, v }]));
  const b = new Map(fields(after).map(([f, l, v]) => [f, { l, v }]));
  const out: FieldChange[] = [];
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(field);
    const y = b.get(field);
    if (textOf(x?.v) === textOf(y?.v)) continue;
    const change: FieldChange = {
      field,
      label: (y ?? x)!.l,
      pieces: wordDiff(textOf(x?.v), textOf(y?.v)),
      stepsRemoved: 0,
      stepsAdded: 0,
    };
    if (typeof (x ?? y)!.v !== "string") {
      const rows = stepRows(Array.isArray(x?.v) ? x.v : [], Array.isArray(y?.v) ? y.v : []);
      change.rows = rows;
      change.stepsRemoved = rows.filter((r) => r.op === "del" && !r.heading).length;
      change.stepsAdded = rows.filter((r) => r.op === "add" && !r.heading).length;
    }
    out.push(change);
  }
  return out;
}

/** Steps a set of changes removes, over all fields. */
export function stepsRemoved(changes: readonly FieldChange[]): number {
  return changes.reduce((n, c) => n + c.stepsRemoved, 0);
}

/** Dice similarity of character bigrams, 0..1. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  const total = Math.max(a.length - 1, 0) + Math.max(b.length - 1, 0);
  return total === 0 ? (a === b ? 1 : 0) : (2 * shared) / total;
}

/** Pairs items of two editions: same list and name, then same name elsewhere, then similar names. */
export function matchItems(
  before: Item[],
  after: Item[],
): { pairs: [Item, Item][]; added: Item[]; removed: Item[] } {
  const left = new Set(before);
  const right = new Set(after);
  const pairs: [Item, Item][] = [];
  const take = (test: (a: Item, b: Item) => boolean) => {
    for (const a of [...left]) {
      const b = [...right].find((x) => test(a, x));
      if (b) {
        pairs.push([a, b]);
        left.delete(a);
        right.delete(b);
      }
    }
  };
  take((a, b) => a.list === b.list && a.name === b.name);
  take((a, b) => a.name === b.name);
  // A renamed item: same list and number with similar wording, or very similar wording anywhere.
  take((a, b) => a.list === b.list && a.number === b.number && similarity(a.name, b.name) >= 0.5);
  take((a, b) => similarity(a.name, b.name) >= 0.75);
  return { pairs, added: [...right], removed: [...left] };
}

/** The differences from one edition to another. */
export function diffEditions(before: EditionDraft, after: EditionDraft): EditionDiff {
  const { pairs, added, removed } = matchItems(before.items, after.items);
  const moved: ChangedItem[] = [];
  const changed: ChangedItem[] = [];
  const renumbered: EditionDiff["renumbered"] = [];
  let unchanged = 0;
  for (const [a, b] of pairs) {
    const changes = itemChanges(a, b);
    if (a.list === b.list && changes.length === 0 && a.number !== b.number) {
      renumbered.push({ before: ref(a), after: ref(b) });
      continue;
    }
    if (a.number !== b.number) {
      changes.unshift({
        field: "number",
        label: "序号",
        pieces: [
          { text: String(a.number), op: "del" },
          { text: String(b.number), op: "add" },
        ],
        stepsRemoved: 0,
        stepsAdded: 0,
      });
    }
    const entry = { before: ref(a), after: ref(b), changes };
    if (a.list !== b.list) moved.push(entry);
    else if (changes.length > 0) changed.push(entry);
    else unchanged++;
  }
  const byPlace = (x: ItemRef, y: ItemRef) =>
    LIST_KINDS.indexOf(x.list) - LIST_KINDS.indexOf(y.list) || x.number - y.number;
  return {
    added: added.map(ref).sort(byPlace),
    removed: removed.map(ref).sort(byPlace),
    moved: moved.sort((x, y) => byPlace(x.after, y.after)),
    changed: changed.sort((x, y) => byPlace(x.after, y.after)),
    renumbered: renumbered.sort((x, y) => byPlace(x.after, y.after)),
    unchanged,
    totals: { before: summarize(before.items), after: summarize(after.items) },
  };
}
