/** Query parameters of the township view, checked once with zod; bad values become a 400 in Chinese. */
import { z } from "zod";
import { canonicalDepartment } from "../domain/departments.ts";
import { LIST_KINDS } from "../domain/edition.ts";
import { Refusal } from "../domain/refusal.ts";
import type { BrowseParams } from "./urls.ts";

/** Longest search text accepted: a query, not a notice (the task check takes those). */
export const MAX_QUERY = 100;

/** What a search text over MAX_QUERY is told (a hand-made or pasted link; the form's box stops at the limit). */
export const QUERY_TOO_LONG = `搜索词过长（最多 ${MAX_QUERY} 字）`;

const EDITION_DATE = /^\d{4}-\d{2}(?:-\d{2})?$/;

const schema = z.object({
  list: z.enum(LIST_KINDS, { message: "清单类型应为 basic、cooperative 或 reclaimed" }).default("basic"),
  category: z.string().trim().max(50, { message: "事项类别过长" }).optional(),
  department: z.string().trim().max(60, { message: "部门名称过长" }).optional(),
  local: z.enum(["0", "1"], { message: "个性筛选应为 1（个性事项）或 0（其他事项）" }).optional(),
  q: z.string().trim().max(MAX_QUERY, { message: QUERY_TOO_LONG }).default(""),
  edition: z.string().regex(EDITION_DATE, { message: "版本日期应为 YYYY-MM 格式" }).optional(),
});

/** An invalid-input refusal (400) with a message for the user. */
export function badRequest(message: string, details?: Record<string, unknown>): Refusal {
  return new Refusal("invalid", message, details);
}

/** Reads a township view's parameters; throws a 400 HTTPException naming the bad parameter. */
export function parseBrowseParams(query: Record<string, string>, county?: string): BrowseParams {
  // An empty parameter (list=&q=) means the default, as a form with blank fields sends it.
  const given = Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ""));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`参数 ${String(issue?.path[0] ?? "")} 无效：${issue?.message ?? "格式不正确"}`);
  }
  const p = parsed.data;
  return {
    list: p.list,
    category: p.category || null,
    department: p.department ? canonicalDepartment(p.department, county) : null,
    local: p.local === "1" ? true : p.local === "0" ? false : null,
    q: p.q,
    edition: p.edition ?? null,
  };
}

/**
 * Reads the township page's parameters, as parseBrowseParams does, except a search text over MAX_QUERY:
 * the page is then shown unsearched, with `refused` (the text as typed and the message) for the search
 * form, rather than an error page without the form. Any other bad parameter is thrown as before.
 */
export function parsePageParams(
  query: Record<string, string>,
  county?: string,
): { params: BrowseParams; refused: { q: string; message: string } | null } {
  const q = (query.q ?? "").trim();
  if (q.length <= MAX_QUERY) return { params: parseBrowseParams(query, county), refused: null };
  const { q: _, ...rest } = query;
  return { params: parseBrowseParams(rest, county), refused: { q, message: QUERY_TOO_LONG } };
}
