/**
 * Checks over a whole edition: stated totals versus what was parsed, gaps and duplicates in 序号,
 * Latin words left inside Chinese text, empty required cells, one department spelled two ways.
 * Lint only warns; it never blocks an import.
 */
import {
  allSteps,
  type EditionDraft,
  type Item,
  LIST_KINDS,
  LIST_LABELS,
  summarize,
} from "../domain/edition.ts";
import type { Problem } from "../domain/problem.ts";

type Warn = (code: string, message: string, at?: { item?: Item; line?: number }) => void;

/** Lowercase Latin words inside Chinese text (e.g. a stray " and "); acronyms in capitals are fine. */
const LATIN_WORD = /(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])/g;

function texts(item: Item): { field: string; text: string }[] {
  const out = [
    { field: "事项名称", text: item.name },
    { field: "事项类别", text: item.category },
  ];
  if (item.list === "cooperative") {
    for (const s of allSteps(item.departmentDuties)) out.push({ field: "上级部门职责", text: s });
    for (const s of allSteps(item.townshipDuties)) out.push({ field: "乡镇（街道）配合职责", text: s });
  }
  if (item.list === "reclaimed") {
    for (const s of [...item.takeover.workMethod, ...item.takeover.workStandard])
      out.push({ field: "承接部门及工作方式", text: s });
  }
  return out;
}

function checkTotals(draft: EditionDraft, warn: Warn): void {
  const computed = summarize(draft.items);
  for (const list of LIST_KINDS) {
    const stated = draft.stated[list];
    const got = computed[list];
    const label = LIST_LABELS[list];
    const compare = (what: string, statedValue: number | null, parsed: number) => {
      if (statedValue === null) warn("total-not-stated", `说明未写明${label}的${what}；解析得到 ${parsed}`);
      else if (statedValue !== parsed)
        warn("total-mismatch", `${label}：说明称${what} ${statedValue}，解析得到 ${parsed}`);
    };
    compare("事项数", stated.items, got.items);
    compare("类别数", stated.categories, got.categories);
    if (list !== "basic") compare("涉及部门数", stated.departments, got.departments);
    const used = new Set(draft.items.filter((i) => i.list === list).map((i) => i.category));
    if (stated.categoryNames.length > 0) {
      const missing = stated.categoryNames.filter((c) => !used.has(c));
      const extra = [...used].filter((c) => !stated.categoryNames.includes(c));
      if (missing.length) warn("category-not-used", `${label}：说明列出的类别无事项：${missing.join("、")}`);
      if (extra.length)
        warn("category-not-stated", `${label}：事项所用类别未在说明中列出：${extra.join("、")}`);
    }
  }
}

function checkNumbers(draft: EditionDraft, warn: Warn, lineOf: (item: Item) => number | undefined): void {
  for (const list of LIST_KINDS) {
    const items = draft.items.filter((i) => i.list === list);
    const seen = new Map<number, Item>();
    let expected = 1;
    for (const item of items) {
      if (seen.has(item.number))
        warn("number-duplicate", `${LIST_LABELS[list]}序号 ${item.number} 重复`, { item });
      else if (item.number !== expected) {
        const gap =
          item.number > expected
            ? `缺少序号 ${expected}${item.number - 1 > expected ? `–${item.number - 1}` : ""}`
            : `序号倒序`;
        warn("number-gap", `${LIST_LABELS[list]}：${gap}（此行序号为 ${item.number}）`, {
          item,
          line: lineOf(item),
        });
      }
      seen.set(item.number, item);
      expected = Math.max(expected, item.number + 1);
    }
  }
}

function checkCells(item: Item, warn: Warn): void {
  if (!item.name) warn("empty-cell", "事项名称为空", { item });
  if (!item.category) warn("empty-cell", "事项类别为空", { item });
  if (item.list === "cooperative") {
    if (item.leadDepartments.length === 0) warn("empty-cell", "对应上级部门为空", { item });
    if (item.departmentDuties.length === 0) warn("empty-cell", "上级部门职责为空", { item });
    if (item.townshipDuties.length === 0) warn("empty-cell", "乡镇（街道）配合职责为空", { item });
  }
  if (item.list === "reclaimed" && item.takeover.workMethod.length === 0)
    warn("empty-cell", "工作方式为空", { item });
  for (const { field, text } of texts(item)) {
    for (const m of text.matchAll(LATIN_WORD)) {
      const around = text.slice(Math.max(0, (m.index ?? 0) - 8), (m.index ?? 0) + m[0].length + 8);
      warn("latin-word", `${field}中夹有英文单词“${m[0]}”：…${around}…`, { item });
    }
  }
}

/** Lints an assembled edition. `lines[i]` is the source line of `draft.items[i]`. */
export function lintEdition(
  draft: EditionDraft,
  lines: readonly number[],
  spellings: Map<string, Set<string>>,
): Problem[] {
  const problems: Problem[] = [];
  const lineOf = (item: Item) => lines[draft.items.indexOf(item)];
  const warn: Warn = (code, message, at) => {
    const item = at?.item;
    problems.push({
      severity: "warning",
      code,
      message,
      line: at?.line ?? (item ? lineOf(item) : undefined),
      ...(item ? { list: item.list, number: item.number } : {}),
    });
  };
  checkTotals(draft, warn);
  checkNumbers(draft, warn, lineOf);
  for (const item of draft.items) checkCells(item, warn);
  for (const [canonical, seen] of spellings) {
    if (seen.size > 1)
      warn("department-spellings", `同一部门有多种写法：${[...seen].join("、")}（统一为 ${canonical}）`);
  }
  return problems;
}
