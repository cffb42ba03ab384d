/**
 * The county page's data: the townships side by side (counts per list and category), the comparison
 * matrix, the departments that push the most cooperative items onto townships, and the reclaimed items
 * per department that took them over. Pure: it takes the published editions and returns values.
 */
import { canonicalDepartment } from "../domain/departments.ts";
import { LIST_KINDS, type ListKind, summarize } from "../domain/edition.ts";
import {
  compareTownships,
  type MatrixRow,
  matrixRowOf,
  type RowKind,
  type TownshipEdition,
} from "./compare.ts";

export interface TownshipColumn {
  township: string;
  editionId: number;
  date: string;
  lists: Record<ListKind, { items: number; categories: number }>;
  /** 个性 items. */
  local: number;
  /** Items per category, all lists together. */
  categories: Record<string, number>;
}

export interface DepartmentPush {
  department: string;
  /** Cooperative items it leads, summed over townships. */
  items: number;
  /** Distinct duties (matrix rows) among them. */
  duties: number;
  /** Townships it pushes items onto. */
  townships: number;
}

export interface ReclaimedByDepartment {
  /** The department that took the items over; "（无承接部门）" when the lists name none. */
  department: string;
  /**
   * Distinct reclaimed duties — rows of the matrix, merged by its rule (matrixRowOf) — named as the matrix
   * names them, with the townships that list each.
   */
  items: { name: string; townships: string[] }[];
}

export interface CountyView {
  county: string;
  townships: TownshipColumn[];
  matrix: MatrixRow[];
  totals: Record<RowKind, number> & { local: number; crossList: number };
  departments: DepartmentPush[];
  reclaimed: ReclaimedByDepartment[];
}

export interface CountyEdition extends TownshipEdition {
  editionId: number;
}

export const NO_TAKEOVER = "（无承接部门）";

function column({ township, editionId, draft }: CountyEdition): TownshipColumn {
  const summary = summarize(draft.items);
  const lists = Object.fromEntries(
    LIST_KINDS.map((l) => [l, { items: summary[l].items, categories: summary[l].categories }]),
  ) as TownshipColumn["lists"];
  // Counted in a Map: a category is document text ("__proto__" would not be an own key of a plain object).
  const counts = new Map<string, number>();
  for (const item of draft.items) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  const categories: Record<string, number> = Object.fromEntries(counts);
  return {
    township,
    editionId,
    date: draft.date,
    lists,
    local: draft.items.filter((i) => i.local).length,
    categories,
  };
}

type RowOf = ReturnType<typeof matrixRowOf>;

function departmentPushes(
  editions: readonly CountyEdition[],
  county: string,
  rowOf: RowOf,
): DepartmentPush[] {
  const pushes = new Map<string, { items: number; duties: Set<MatrixRow>; townships: Set<string> }>();
  editions.forEach(({ township, draft }, t) => {
    for (const item of draft.items) {
      if (item.list !== "cooperative") continue;
      const row = rowOf(t, item);
      for (const raw of new Set(item.leadDepartments.map((d) => canonicalDepartment(d, county)))) {
        const entry = pushes.get(raw) ?? { items: 0, duties: new Set(), townships: new Set() };
        entry.items++;
        if (row) entry.duties.add(row);
        entry.townships.add(township);
        pushes.set(raw, entry);
      }
    }
  });
  return [...pushes]
    .map(([department, e]) => ({
      department,
      items: e.items,
      duties: e.duties.size,
      townships: e.townships.size,
    }))
    .sort((a, b) => b.items - a.items || a.department.localeCompare(b.department, "zh"));
}

function reclaimedByDepartment(
  editions: readonly CountyEdition[],
  county: string,
  rowOf: RowOf,
): ReclaimedByDepartment[] {
  const byDepartment = new Map<string, Map<MatrixRow, { name: string; townships: string[] }>>();
  editions.forEach(({ township, draft }, t) => {
    for (const item of draft.items) {
      if (item.list !== "reclaimed") continue;
      const row = rowOf(t, item);
      if (!row) continue;
      const takers = item.takeover.departments.map((d) => canonicalDepartment(d, county));
      for (const department of takers.length ? new Set(takers) : [NO_TAKEOVER]) {
        const items = byDepartment.get(department) ?? new Map();
        const entry = items.get(row) ?? { name: row.name, townships: [] };
        if (!entry.townships.includes(township)) entry.townships.push(township);
        items.set(row, entry);
        byDepartment.set(department, items);
      }
    }
  });
  return [...byDepartment]
    .map(([department, items]) => ({ department, items: [...items.values()] }))
    .sort((a, b) => b.items.length - a.items.length || a.department.localeCompare(b.department, "zh"));
}

/** Everything the county page shows, from the published edition of each of its townships. */
export function countyView(county: string, editions: readonly CountyEdition[]): CountyView {
  const matrix = compareTownships(editions, county);
  const rowOf = matrixRowOf(matrix);
  const totals = { common: 0, shared: 0, particular: 0, local: 0, crossList: 0 };
  for (const row of matrix) {
    totals[row.kind]++;
    if (row.local) totals.local++;
    if (row.crossList) totals.crossList++;
  }
  return {
    county,
    townships: editions.map(column),
    matrix,
    totals,
    departments: departmentPushes(editions, county, rowOf),
    reclaimed: reclaimedByDepartment(editions, county, rowOf),
  };
}
