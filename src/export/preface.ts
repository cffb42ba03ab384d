/**
 * The preface of an exported document states each list's totals ("19 个类别，共有基本履职事项 116 项，
 * 涉及 38 个部门"): those numbers are recomputed from the items, so an adjusted edition never publishes
 * stale totals. The rest of the preface is kept word for word.
 */
import { type EditionDraft, LIST_KINDS, LIST_LABELS, type ListKind, summarize } from "../domain/edition.ts";

const LIST_LEADS: Record<ListKind, RegExp> = {
  basic: /基本履职事项清单是/,
  cooperative: /配合履职事项清单是/,
  reclaimed: /上级部门收回事项清单是/,
};

const DIGITS = "[0-9０-９]+";

function value(digits: string): number {
  return Number(digits.normalize("NFKC"));
}

/** Replaces the number captured by `pattern` (group 2) when it differs from `actual`. */
function restate(text: string, pattern: RegExp, actual: number): string {
  return text.replace(pattern, (whole, before: string, digits: string, after: string) =>
    value(digits) === actual ? whole : `${before}${actual}${after}`,
  );
}

/** The preface paragraphs with each list's stated totals replaced by the totals computed from the items. */
export function prefaceWithTotals(draft: EditionDraft): string[] {
  const totals = summarize(draft.items);
  return draft.preface.map((paragraph) => {
    const list = LIST_KINDS.find((k) => LIST_LEADS[k].test(paragraph));
    if (!list) return paragraph;
    const t = totals[list];
    let text = restate(paragraph, new RegExp(`(共有${LIST_LABELS[list]}\\s*)(${DIGITS})(\\s*项)`), t.items);
    text = restate(text, new RegExp(`()(${DIGITS})(\\s*个类别)`), t.categories);
    if (list !== "basic")
      text = restate(text, new RegExp(`(涉及\\s*)(${DIGITS})(\\s*个部门)`), t.departments);
    return text;
  });
}
