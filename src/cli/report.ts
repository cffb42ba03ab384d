/** How import and lint results are printed: the JSON summary of the issue, and problems one per line. */
import { type EditionDraft, LIST_KINDS, type ListKind, summarize } from "../domain/edition.ts";
import type { Problem } from "../domain/problem.ts";
import type { RawDocument } from "../ingest/raw.ts";

export interface ImportSummary {
  township: string;
  county: string;
  region: string;
  date: string;
  lists: Record<ListKind, { items: number; categories: number; departments?: number }>;
  stated: EditionDraft["stated"];
  appendixLines: number;
  warnings: { code: string; message: string; line?: number; list?: string; number?: number }[];
  editionId?: number;
}

/** The `--json` summary printed by import and lint. */
export function importSummary(
  draft: EditionDraft,
  problems: readonly Problem[],
  raw: RawDocument,
): ImportSummary {
  const computed = summarize(draft.items);
  const lists = {} as ImportSummary["lists"];
  for (const list of LIST_KINDS) {
    const { items, categories, departments } = computed[list];
    lists[list] = list === "basic" ? { items, categories } : { items, categories, departments };
  }
  return {
    township: draft.township,
    county: draft.county,
    region: draft.region,
    date: draft.date,
    lists,
    stated: draft.stated,
    appendixLines: raw.appendixLines,
    warnings: problems.map(({ code, message, line, list, number }) => ({
      code,
      message,
      line,
      list,
      number,
    })),
  };
}

/** Problems as "file:line: [code] message", or a line saying there are none. */
export function formatProblems(file: string, problems: readonly Problem[]): string {
  if (problems.length === 0) return "未发现问题。\n";
  const lines = problems.map((p) => {
    const where = p.line ? `${file}:${p.line}` : file;
    const item = p.list ? ` ${p.list} ${p.number}` : "";
    return `${where}:${item} [${p.code}] ${p.message}`;
  });
  return `${lines.join("\n")}\n共 ${problems.length} 条警告（警告不阻止导入）。\n`;
}
