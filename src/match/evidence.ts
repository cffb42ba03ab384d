/**
 * Explanations generated from what actually scored: the task words that matched item words (and in which
 * field), and for a cooperative item the township steps the task concerns.
 */
import { allSteps, type CooperativeItem } from "../domain/edition.ts";
import type { Evidence } from "../domain/verdict.ts";
import { BIGRAM, CHAR, DEPARTMENT } from "./analyze.ts";
import { FIELD_WEIGHTS, type Field, type ItemIndex, idf } from "./item-index.ts";
import type { Candidate, Ranking } from "./rank.ts";
import { CONCEPT } from "./thesaurus.ts";

const MAX_EVIDENCE = 12;

/** Joins adjacent matched bigrams of the task into the longest spans (“防汛” + “汛抗” → 防汛抗). */
function bigramSpans(prepared: string, matched: Set<string>): string[] {
  const spans: string[] = [];
  for (const run of prepared.match(/[\u3400-\u9fff]{2,}/g) ?? []) {
    let start = -1;
    for (let i = 0; i + 1 <= run.length; i++) {
      const hit = i + 1 < run.length && matched.has(BIGRAM + run.slice(i, i + 2));
      if (hit && start < 0) start = i;
      if (!hit && start >= 0) {
        spans.push(run.slice(start, i + 1));
        start = -1;
      }
    }
  }
  return spans;
}

/** Positions in `text` where a word of its segmentation starts or ends. */
function wordBoundaries(index: ItemIndex, text: string): Set<number> {
  const out = new Set<number>([0, text.length]);
  const lower = text.toLowerCase();
  let cursor = 0;
  for (const word of index.segmenter.cutNormalized(text)) {
    const at = lower.indexOf(word, cursor);
    if (at < 0) continue;
    out.add(at);
    out.add(at + word.length);
    cursor = at + word.length;
  }
  return out;
}

/**
 * `fragment` widened to the whole words of `text` it touches (安全检 in 安全检查 → 安全检查), so evidence
 * never shows a piece of a word; "" when the text does not hold it.
 */
export function wholeWords(text: string, fragment: string, boundaries: ReadonlySet<number>): string {
  const at = text.indexOf(fragment);
  if (at < 0 || !fragment) return "";
  let start = at;
  let end = at + fragment.length;
  while (start > 0 && !boundaries.has(start)) start--;
  while (end < text.length && !boundaries.has(end)) end++;
  return text.slice(start, end);
}

/**
 * Evidence for one candidate: word matches first (longest first), then spans of matched bigrams not
 * already shown. Both sides are widened to whole words of the task and of the item's field.
 */
export function evidenceFor(index: ItemIndex, ranking: Ranking, candidate: Candidate): Evidence[] {
  const entry = index.items.find((e) => e.item === candidate.item);
  if (!entry) return [];
  const taskWords = wordBoundaries(index, ranking.prepared);
  const fieldWords = new Map<Field, Set<number>>();
  const itemSide = (field: Field, fragment: string) => {
    const text = entry.fields[field].text;
    let b = fieldWords.get(field);
    if (!b) {
      b = wordBoundaries(index, text);
      fieldWords.set(field, b);
    }
    return wholeWords(text, fragment, b);
  };
  const candidates = candidate.matches
    .filter((m) => !m.term.startsWith(BIGRAM) && !m.term.startsWith(CHAR))
    .map((m) => {
      const item = m.term.startsWith(CONCEPT)
        ? conceptMember(index, m.term, entry.fields[m.field].text)
        : m.term.startsWith(DEPARTMENT)
          ? m.term.slice(1)
          : m.term;
      const task = ranking.expandedFrom.get(m.term) ?? item;
      return { task, item, field: m.field, weight: m.contribution };
    })
    .filter((w) => w.task && w.item);
  const matchedBigrams = new Set(
    candidate.matches.filter((m) => m.term.startsWith(BIGRAM)).map((m) => m.term),
  );
  for (const span of bigramSpans(ranking.prepared, matchedBigrams)) {
    const field = bestFieldFor(entry.fields, span);
    if (field) candidates.push({ task: span, item: span, field, weight: 0 });
  }
  const whole = candidates
    .map((c) => ({
      task: wholeWords(ranking.prepared, c.task, taskWords) || c.task,
      item: c.field === "department" ? c.item : itemSide(c.field, c.item) || c.item,
      field: c.field,
      weight: c.weight,
    }))
    // Longest first, so 自建房安全隐患排查 is shown once rather than as its parts.
    .sort((a, b) => b.task.length - a.task.length || b.weight - a.weight);
  const out: Evidence[] = [];
  const shown: string[] = [];
  for (const { task, item, field } of whole) {
    if (shown.some((s) => s.includes(task))) continue;
    shown.push(task);
    out.push({ task, item, field });
  }
  return out.slice(0, MAX_EVIDENCE);
}

/** The member of a concept's group that a field's text holds (the longest), or "" when none. */
function conceptMember(index: ItemIndex, term: string, text: string): string {
  const members = index.thesaurus.groups.get(term) ?? [];
  return [...members].sort((a, b) => b.length - a.length).find((m) => text.includes(m)) ?? "";
}

/** The heaviest field whose text contains the span. */
function bestFieldFor(fields: Record<Field, { text: string }>, span: string): Field | undefined {
  return (Object.keys(fields) as Field[])
    .filter((f) => fields[f].text.includes(span))
    .sort((a, b) => FIELD_WEIGHTS[b] - FIELD_WEIGHTS[a])[0];
}

/**
 * The township steps of a cooperative item that the task concerns: those sharing the most task words
 * (by idf), in document order. When no step shares a word, all steps apply.
 */
export function applicableSteps(index: ItemIndex, ranking: Ranking, item: CooperativeItem): string[] {
  const steps = allSteps(item.townshipDuties);
  const doc = index.items.findIndex((e) => e.item === item);
  const terms = index.stepTerms.get(doc) ?? [];
  const scores = steps.map((_, i) => {
    let score = 0;
    for (const term of terms[i] ?? []) {
      const weight = ranking.query.get(term);
      if (weight) score += weight * idf(index, term);
    }
    return score;
  });
  const best = Math.max(0, ...scores);
  if (best === 0) return steps;
  return steps.filter((_, i) => (scores[i] ?? 0) >= best * 0.5);
}
