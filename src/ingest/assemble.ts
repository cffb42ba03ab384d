/**
 * RawDocument → EditionDraft: the one place where cells become typed items, whatever the source format.
 * Problems found in cells carry the row's line; lint adds the checks over the whole edition.
 */
import { canonicalDepartment, splitGenericGroup } from "../domain/departments.ts";
import type { EditionDraft, Item, ListKind } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { type CellContext, parseDutyCell, parseLeadDepartments, parseTakeover } from "./cells.ts";
import { plainText } from "./html.ts";
import { lintEdition } from "./lint.ts";
import { joinBrokenParagraphs, readHeading, readStatedTotals } from "./preface.ts";
import type { RawDocument, RawRow } from "./raw.ts";

export interface Assembled {
  draft: EditionDraft;
  /** Warnings (never block an import); errors are thrown as DocumentError instead. */
  problems: Problem[];
}

/** 序号 as printed → number (full-width digits allowed). */
function itemNumber(cell: string, file: string, line: number): number {
  const n = Number(cell.normalize("NFKC").trim());
  if (!Number.isInteger(n) || n <= 0) throw new DocumentError(file, line, `序号应为正整数，实为“${cell}”`);
  return n;
}

/** Raw spellings seen per canonical department name. */
type Spellings = Map<string, Set<string>>;

function buildItem(
  list: ListKind,
  row: RawRow,
  county: string,
  file: string,
  problems: Problem[],
  spellings: Spellings,
): Item {
  const [numberCell = "", categoryCell = "", nameCell = "", ...rest] = row.cells;
  const number = itemNumber(numberCell, file, row.line);
  const ctx: CellContext = {
    county,
    note: (code, message) =>
      problems.push({ severity: "warning", code, message, line: row.line, list, number }),
    spelled: (raw, canonical) => {
      const seen = spellings.get(canonical) ?? new Set<string>();
      seen.add(raw.replace(/[\s\u3000]+/g, ""));
      spellings.set(canonical, seen);
    },
  };
  const remarkCell = plainText(rest[rest.length - 1] ?? "");
  const base = {
    number,
    category: plainText(categoryCell),
    name: plainText(nameCell),
    local: remarkCell.includes("个性"),
    remark: remarkCell || null,
  };
  if (list === "basic") return { list, ...base };
  if (list === "cooperative") {
    const [leadCell = "", departmentCell = "", townshipCell = ""] = rest;
    const leads = parseLeadDepartments(leadCell, county);
    for (const spelling of leads.raw) {
      const named = splitGenericGroup(spelling).named;
      ctx.spelled?.(named, canonicalDepartment(named, county));
    }
    return {
      list,
      ...base,
      leadDepartments: leads.named,
      otherLeads: leads.groups,
      departmentDuties: parseDutyCell(departmentCell, leads.named, ctx),
      townshipDuties: parseDutyCell(townshipCell, [], ctx).map((b) => ({ ...b, department: null })),
    };
  }
  return { list, ...base, takeover: parseTakeover(rest[0] ?? "", ctx) };
}

/** Builds the edition from a read document; throws DocumentError when the heading cannot be found. */
export function assemble(raw: RawDocument): Assembled {
  const problems: Problem[] = [...(raw.problems ?? [])];
  const paragraphs = joinBrokenParagraphs(raw.paragraphs);
  const heading = readHeading(
    paragraphs,
    raw.tables.map((t) => t.title),
  );
  if (!heading) {
    throw new DocumentError(
      raw.file,
      paragraphs[0]?.line,
      "找不到乡镇名称：标题应为“…县 …乡（镇、街道）履职事项清单”，或表格标题应为“…县…乡基本履职事项清单”",
    );
  }
  if (!heading.date) {
    problems.push({
      severity: "warning",
      code: "date-missing",
      message: "说明中找不到日期（如“2025年7月”）",
      line: paragraphs[0]?.line,
    });
  }
  const items: Item[] = [];
  const lines: number[] = [];
  const spellings: Spellings = new Map();
  for (const table of raw.tables) {
    for (const row of table.rows) {
      items.push(buildItem(table.list, row, heading.county, raw.file, problems, spellings));
      lines.push(row.line);
    }
  }
  const prefaceStart = paragraphs.findIndex((p) => /^说\s*明$/.test(p.text));
  const preface = paragraphs
    .slice(prefaceStart >= 0 ? prefaceStart + 1 : 0)
    .filter((p) => !/^目\s*录$/.test(p.text) && !/\.{3,}|…{2,}/.test(p.text))
    .map((p) => p.text);
  const draft: EditionDraft = {
    township: heading.township,
    county: heading.county,
    region: heading.region,
    date: heading.date,
    title: heading.title,
    preface,
    stated: readStatedTotals(paragraphs),
    items,
  };
  problems.push(...lintEdition(draft, lines, spellings));
  return { draft, problems };
}
