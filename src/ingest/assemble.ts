/**
 * RawDocument → EditionDraft: the one place where cells become typed items, whatever the source format.
 * Problems found in cells carry the row's line; lint adds the checks over the whole edition.
 */
import { canonicalDepartment, splitGenericGroup } from "../domain/departments.ts";
import type { EditionDraft, Item, ListKind } from "../domain/edition.ts";
import { DocumentError, type Problem } from "../domain/problem.ts";
import { type CellContext, parseDutyCell, parseLeadDepartments, parseTakeover } from "./cells.ts";
import { plainText } from "./html.ts";
import { checkCell, checkItemCount, checkParagraphCount, checkWarnings } from "./limits.ts";
import { lintEdition } from "./lint.ts";
import { type Heading, joinBrokenParagraphs, readHeading, readStatedTotals } from "./preface.ts";
import type { RawDocument, RawRow } from "./raw.ts";

/** Heading values given from outside the file (`lvzhi import --township --county --date`); they win over the file's. */
export interface HeadingOverrides {
  township?: string;
  county?: string;
  region?: string;
  /** YYYY-MM or YYYY-MM-DD. */
  date?: string;
}

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

/** The heading with the given values put in; a value that differs from the file's is reported. */
function withOverrides(
  found: Heading | undefined,
  given: HeadingOverrides,
  problems: Problem[],
): Heading | undefined {
  if (!given.township && !given.county && !given.region && !given.date) return found;
  const township = given.township ?? found?.township;
  const county = given.county ?? found?.county;
  if (!township || !county) return undefined;
  const compared = [
    ["乡镇", given.township, found?.township],
    ["县", given.county, found?.county],
    ["日期", given.date, found?.date],
  ] as const;
  for (const [label, value, read] of compared) {
    if (value && read && value !== read) {
      problems.push({
        severity: "warning",
        code: "heading-overridden",
        message: `文件中的${label}为“${read}”，已按命令行改为“${value}”`,
      });
    }
  }
  const placeGiven = given.township !== undefined || given.county !== undefined;
  return {
    township,
    county,
    region: given.region ?? found?.region ?? "",
    title: found?.title && !placeGiven ? found.title : `${county}${township}履职事项清单`,
    date: given.date ?? found?.date ?? "",
  };
}

/** Refuses a read document past the caps of ./limits.ts before any cell is parsed. */
function checkSizes(raw: RawDocument): void {
  checkItemCount(
    raw.tables.reduce((n, t) => n + t.rows.length, 0),
    raw.file,
  );
  checkParagraphCount(raw.paragraphs.length, raw.file);
  for (const p of raw.paragraphs) checkCell(p.text, raw.file, p.line, "段落");
  for (const table of raw.tables) {
    const where = (table.title || table.list).slice(0, 40);
    for (const row of table.rows) {
      for (const [i, cell] of row.cells.entries()) {
        const column = (table.header[i] ?? "").slice(0, 20);
        checkCell(cell, raw.file, row.line, `${where}第 ${row.line} 行“${column}”单元格`);
      }
    }
  }
}

/**
 * Builds the edition from a read document; throws DocumentError when the heading cannot be found or the
 * document is past a cap (rows, cell size, paragraphs, warnings).
 */
export function assemble(raw: RawDocument, overrides: HeadingOverrides = {}): Assembled {
  checkSizes(raw);
  const problems: Problem[] = [...(raw.problems ?? [])];
  const paragraphs = joinBrokenParagraphs(raw.paragraphs);
  const found = readHeading(
    paragraphs,
    raw.tables.map((t) => t.title),
    raw.propertiesTitle,
  );
  const heading = withOverrides(found, overrides, problems);
  if (!heading) {
    throw new DocumentError(
      raw.file,
      paragraphs[0]?.line,
      "找不到乡镇名称：标题应为“…县 …乡（镇、街道）履职事项清单”，或表格标题应为“…县…乡基本履职事项清单”" +
        "（文件中确实没有时，可用 lvzhi import --township 乡镇名 --county 县名 指定）",
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
  checkWarnings(problems, raw.file);
  return { draft, problems };
}
