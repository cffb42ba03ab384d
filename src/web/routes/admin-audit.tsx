/** @jsxImportSource hono/jsx */
/**
 * The audit log for the admin: GET /admin/audit (page), /api/v1/admin/audit (its JSON twin) and
 * /admin/audit/export (CSV with a BOM for Excel, or raw JSONL with the hashes), all three over the same
 * filters: person, action, object (kind and name or number) and Beijing-time dates. Mounted by adminRoutes.
 */
import { stringify } from "csv-stringify/sync";
import type { Context, Hono } from "hono";
import { z } from "zod";
import { Refusal } from "../../domain/refusal.ts";
import type { WorkflowDb } from "../../store/workflow-schema.ts";
import { requireRole } from "../../workflow/access.ts";
import {
  type AuditEntry,
  type AuditQuery,
  allAuditMatching,
  auditPeople,
  listAudit,
  verifyAudit,
} from "../../workflow/audit.ts";
import { AUDIT_ACTIONS, type AuditAction, actionLabel } from "../../workflow/audit-actions.ts";
import {
  type AuditNames,
  actorText,
  changesText,
  fieldChanges,
  SUBJECT_KINDS,
  subjectText,
} from "../audit-text.ts";
import { principalOf } from "../auth/context.ts";
import { choice, optionalCount, parseQuery, textField } from "../input.ts";
import { type AuditFilterForm, AuditLog } from "../views/audit-log.tsx";
import { when, workflowPage } from "../views/workflow-ui.tsx";

const PAGE_SIZE = 200;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A day of the calendar: 2026-02-30 and 2026-13-45 have the shape but are none. */
function isCalendarDate(v: string): boolean {
  const t = Date.parse(`${v}T00:00:00Z`);
  return DATE.test(v) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}
const dateField = textField(10).refine((v) => v === "" || isCalendarDate(v), {
  message: "日期应为 年-月-日",
});

const AuditParams = z.object({
  actor: textField(64),
  action: z.union([z.literal(""), choice(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]])]),
  kind: z.union([z.literal(""), choice(Object.keys(SUBJECT_KINDS) as [string, ...string[]])]),
  name: textField(100),
  from: dateField,
  to: dateField,
  /** The API's subject prefix, as before the pickers. */
  subject: textField(200),
  before: optionalCount(2_000_000_000),
});
const ExportFormat = z.object({ format: choice(["csv", "jsonl"]).default("csv") });

/** Midnight of a Beijing-time date as an ISO instant; `days` later when given. */
function beijingMidnight(date: string, days = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();
}

/** The filters of a request: the form as given, and the store's query. */
function filtersOf(c: Context): { form: AuditFilterForm; query: AuditQuery; search: string } {
  const p = parseQuery(c, AuditParams.partial());
  const form: AuditFilterForm = {
    actor: p.actor ?? "",
    action: p.action ?? "",
    kind: p.kind ?? "",
    name: p.name ?? "",
    from: p.from ?? "",
    to: p.to ?? "",
  };
  const query: AuditQuery = {};
  if (form.actor) query.actor = form.actor;
  if (form.action) query.action = form.action;
  if (p.subject) query.subject = p.subject;
  if (form.name && !form.kind)
    throw new Refusal("invalid", "按对象筛选时请先选择对象类别（用户、清单、准入申请……）。");
  if (form.kind === "edition") {
    // 策勒乡 → every edition of it; 策勒乡/2025-07-01 → that edition.
    if (form.name.includes("/")) query.subjectIs = `edition:${form.name}`;
    else query.subject = form.name ? `edition:${form.name}/` : "edition:";
  } else if (form.kind) {
    const numbered = form.kind !== "user";
    if (numbered && form.name && !/^\d{1,9}$/.test(form.name)) {
      throw new Refusal("invalid", `${SUBJECT_KINDS[form.kind]}按编号筛选：请填写数字，如 12。`);
    }
    if (form.name) query.subjectIs = `${form.kind}:${form.name}`;
    else query.subject = `${form.kind}:`;
  }
  if (form.from) query.from = beijingMidnight(form.from);
  if (form.to) query.until = beijingMidnight(form.to, 1);
  if (form.from && form.to && form.from > form.to) throw new Refusal("invalid", "起始日期晚于截止日期。");
  const search = new URLSearchParams(
    Object.entries({ ...form, subject: p.subject ?? "" }).filter(([, v]) => v !== ""),
  ).toString();
  return { form, query, search };
}

/** The names entries refer to by id: each county by its name (with its region where two share a name). */
async function auditNames(db: WorkflowDb): Promise<AuditNames> {
  const rows = await db.selectFrom("counties").select(["id", "name", "region"]).execute();
  const seen = new Map<string, number>();
  for (const r of rows) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
  return {
    counties: new Map(rows.map((r) => [r.id, seen.get(r.name)! > 1 ? `${r.region}${r.name}` : r.name])),
  };
}

/** An entry in words, for the JSON twin and the CSV. */
function readable(e: AuditEntry, names: AuditNames) {
  const subject = subjectText(e.subject);
  const changes = fieldChanges(e, names);
  return {
    ...e,
    actorText: actorText(e.actor),
    actionText: actionLabel(e.action),
    subjectText: `${subject.kind} ${subject.name}`,
    changes,
  };
}

const CSV_COLUMNS = [
  "序号",
  "时间（北京时间）",
  "操作人",
  "操作",
  "对象",
  "变更内容",
  "操作代码",
  "对象代码",
  "变更前（原始）",
  "变更后（原始）",
  "前一条校验值",
  "校验值",
];

export function auditRoutes(app: Hono, db: WorkflowDb): void {
  const admin = (c: Context) => requireRole(principalOf(c), "admin");

  app.get("/admin/audit", async (c) => {
    admin(c);
    let filters: ReturnType<typeof filtersOf>;
    let problem: string | undefined;
    try {
      filters = filtersOf(c);
    } catch (error) {
      // A filter that cannot apply is said above the unfiltered log, with the form as it was typed.
      if (!(error instanceof Refusal)) throw error;
      problem = error.message;
      filters = { form: { ...emptyForm(), ...safeForm(c) }, query: {}, search: "" };
    }
    const { form, query, search } = filters;
    const [entries, verdict, actors, names] = await Promise.all([
      listAudit(db, { ...query, limit: PAGE_SIZE }),
      verifyAudit(db),
      auditPeople(db),
      auditNames(db),
    ]);
    const last = entries.at(-1);
    const older =
      last && entries.length === PAGE_SIZE
        ? `/admin/audit?${new URLSearchParams([...new URLSearchParams(search), ["before", String(last.id)]])}`
        : null;
    return workflowPage(
      c,
      "审计日志",
      <AuditLog
        entries={entries}
        verdict={verdict}
        filter={form}
        actors={actors}
        query={search}
        older={older}
        problem={problem}
        names={names}
      />,
      problem ? 400 : 200,
    );
  });

  app.get("/api/v1/admin/audit", async (c) => {
    admin(c);
    const { query } = filtersOf(c);
    const [entries, verdict, names] = await Promise.all([
      listAudit(db, { ...query, limit: PAGE_SIZE }),
      verifyAudit(db),
      auditNames(db),
    ]);
    return c.json({ verify: verdict, entries: entries.map((e) => readable(e, names)) });
  });

  app.get("/admin/audit/export", async (c) => {
    admin(c);
    const { format } = parseQuery(c, ExportFormat);
    const { query } = filtersOf(c);
    const [entries, names] = await Promise.all([allAuditMatching(db, query), auditNames(db)]);
    if (format === "jsonl") {
      return c.body(entries.map((e) => JSON.stringify(e)).join("\n"), 200, {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="lvzhi-audit.jsonl"`,
      });
    }
    const rows = entries.map((e) => {
      const r = readable(e, names);
      return [
        String(e.id),
        when(e.at),
        r.actorText,
        r.actionText,
        r.subjectText,
        changesText(r.changes),
        e.action,
        e.subject,
        e.before ?? "",
        e.after ?? "",
        e.prev_hash,
        e.hash,
      ];
    });
    return c.body(stringify([CSV_COLUMNS, ...rows], { bom: true }), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="lvzhi-audit.csv"; filename*=UTF-8''${encodeURIComponent("审计日志.csv")}`,
    });
  });
}

function emptyForm(): AuditFilterForm {
  return { actor: "", action: "", kind: "", name: "", from: "", to: "" };
}

/** The filter fields as typed (text only, for refilling the form). */
function safeForm(c: Context): Partial<AuditFilterForm> {
  const q = c.req.query();
  const pick = (k: keyof AuditFilterForm) => (typeof q[k] === "string" ? q[k]!.slice(0, 100) : "");
  return {
    actor: pick("actor"),
    action: pick("action"),
    kind: pick("kind"),
    name: pick("name"),
    from: pick("from"),
    to: pick("to"),
  };
}
