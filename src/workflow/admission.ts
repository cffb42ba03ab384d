/**
 * Admission (职责准入): a department asks to give townships a task outside their lists. The task check runs
 * at once against each township's published edition, and each township is decided on its own:
 * basic/cooperative → answered with the item (the department may dispute it: then it goes to the admin's
 * queue with the check's evidence); reclaimed → refused, with no override (the only way is an adjustment
 * proposal that moves the item out of the reclaimed list); unlisted → the admin's queue, where it is
 * approved for a limited time, rejected with a reason, or turned into an adjustment proposal.
 */
import type { Verdict } from "../domain/verdict.ts";
import { checkWithPrecedents, editionIndex } from "../match/index.ts";
import {
  type AdmissionRecord,
  type AdmissionTownship,
  admissionById,
  admissionCountsByDepartment,
  admissionList,
  admissionsApprovedFor,
  insertAdmission,
  type NewAdmission,
  updateAdmissionDecision,
  updateTownshipDecision,
} from "../store/admissions.ts";
import type { SqlDutyStore } from "../store/index.ts";
import { precedentsForEdition } from "../store/precedents.ts";
import { type AdmissionStatus, storeDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { requireRole } from "./access.ts";
import { appendAudit } from "./audit.ts";
import { conflict, invalid, missing } from "./errors.ts";
import { publishedEdition, townshipByName } from "./places.ts";
import { admissionPrecedents, storePrecedents } from "./precedents.ts";
import type { Principal } from "./principal.ts";

export interface AdmissionInput {
  task: string;
  reason: string;
  basis: string;
  townships: string[];
  durationDays: number;
}

export type { AdmissionTownship };

/** A request as the workflow shows it (the store's record). */
export type AdmissionView = AdmissionRecord;

/** Chinese labels of the statuses. */
export const ADMISSION_STATUS_LABELS: Record<AdmissionStatus, string> = {
  answered: "清单内事项（无需准入）",
  refused: "已收回事项（不予准入）",
  pending: "待审核",
  approved: "已准入",
  rejected: "不予准入",
  overridden: "已准入（特批）",
  converted: "已转动态调整",
  disputed: "有异议，待审核",
};

/** A day in Beijing time, as the procedure writes it: 2026-03-31. */
export function beijingDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A status in the procedure's words, with the end of a temporary admission: 已准入（至 2026-03-31）. */
export function statusText(status: AdmissionStatus, expiresAt: string | null): string {
  if ((status === "approved" || status === "overridden") && expiresAt) {
    return `${ADMISSION_STATUS_LABELS[status]}（至 ${beijingDay(expiresAt)}）`;
  }
  return ADMISSION_STATUS_LABELS[status];
}

/** Statuses still waiting for the admin. */
export const OPEN_STATUSES: readonly AdmissionStatus[] = ["pending", "disputed"];

/** A request's status over its townships: anything open first, then the decisions, then the answers. */
export function requestStatus(statuses: readonly AdmissionStatus[]): AdmissionStatus {
  const order: AdmissionStatus[] = [
    "disputed",
    "pending",
    "approved",
    "overridden",
    "converted",
    "rejected",
    "refused",
    "answered",
  ];
  return order.find((s) => statuses.includes(s)) ?? "answered";
}

const STRENGTH: Record<Verdict, number> = { basic: 0, cooperative: 1, unlisted: 2, reclaimed: 3 };

/** The strongest verdict decides: any reclaimed township flags the request, any unlisted one queues it. */
export function overallVerdict(verdicts: Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (STRENGTH[b] > STRENGTH[a] ? b : a), "basic");
}

function statusFor(verdict: Verdict): AdmissionStatus {
  if (verdict === "reclaimed") return "refused";
  if (verdict === "unlisted") return "pending";
  return "answered";
}

function text(value: string, what: string, max: number): string {
  const v = value.trim();
  if (!v) throw invalid(`请填写${what}`);
  if (v.length > max) throw invalid(`${what}最多 ${max} 字`);
  return v;
}

/** A department files a request; the check runs at once. Returns the stored request. */
export async function fileAdmission(
  db: WorkflowDb,
  store: SqlDutyStore,
  principal: Principal | null,
  input: AdmissionInput,
): Promise<AdmissionView> {
  const who = requireRole(principal, "department");
  const task = text(input.task, "任务内容", 2000);
  const reason = text(input.reason, "申请理由", 2000);
  const basis = text(input.basis, "法律法规或政策依据", 2000);
  const days = input.durationDays;
  if (!Number.isInteger(days) || days < 1 || days > 366) throw invalid("持续时间应为 1–366 天");
  const names = [...new Set(input.townships.map((t) => t.trim()).filter(Boolean))];
  if (names.length === 0) throw invalid("请至少选择一个乡镇");
  if (names.length > 500) throw invalid("一次最多 500 个乡镇");

  const checks: (NewAdmission["townships"][number] & { township: string })[] = [];
  for (const name of names) {
    const township = await townshipByName(db, name);
    const edition = await publishedEdition(db, store, township.id);
    if (!edition) throw invalid(`${township.name}还没有已发布的清单，无法核验`);
    // The county's precedents first: a task decided before is answered as decided.
    const precedents = await precedentsForEdition(storeDb(db), edition.id);
    const result = checkWithPrecedents(editionIndex(edition), task, precedents);
    const status = statusFor(result.verdict);
    checks.push({
      townshipId: township.id,
      township: township.name,
      verdict: result.verdict,
      result,
      status,
    });
  }
  const verdict = overallVerdict(checks.map((c) => c.verdict));
  const status = requestStatus(checks.map((c) => c.status));
  const id = await inTransaction(db, async (trx) => {
    const id = await insertAdmission(trx, {
      department: who.department!,
      requesterId: who.id,
      task,
      reason,
      basis,
      durationDays: days,
      verdict,
      status,
      townships: checks,
    });
    await appendAudit(trx, {
      actor: who.name,
      action: "admission.file",
      subject: `admission:${id}`,
      after: { department: who.department, task, verdict, status, townships: names },
    });
    return id;
  });
  return (await getAdmission(db, id))!;
}

/** One request, or undefined. */
export async function getAdmission(db: WorkflowDb, id: number): Promise<AdmissionView | undefined> {
  return admissionById(db, id);
}

/** A request as the principal may see it: admins all, departments their own, townships every one naming them. */
export async function readAdmission(
  db: WorkflowDb,
  principal: Principal | null,
  id: number,
): Promise<AdmissionView> {
  const who = requireRole(principal, "admin", "department", "township");
  const view = await getAdmission(db, id);
  if (!view) throw missing(`没有第 ${id} 号准入申请`);
  if (who.role === "department" && view.department !== who.department) requireRole(null);
  if (who.role === "township" && !view.townships.some((t) => t.townshipId === who.townshipId)) {
    requireRole(who, "admin");
  }
  return view;
}

/** Requests the principal may list: admins all (or by status), departments their own, townships those naming them. */
export async function listAdmissions(
  db: WorkflowDb,
  principal: Principal | null,
  filter: { status?: AdmissionStatus } = {},
): Promise<AdmissionView[]> {
  const who = requireRole(principal, "admin", "department", "township");
  const department = who.role === "department" ? who.department! : undefined;
  const townshipId = who.role === "township" ? who.townshipId! : undefined;
  return admissionList(db, { department, status: filter.status, townshipId });
}

/** Every request naming a township (its page): the admin's for any township, a township's for its own. */
export async function admissionsNaming(
  db: WorkflowDb,
  principal: Principal | null,
  townshipId: number,
): Promise<AdmissionView[]> {
  const who = requireRole(principal, "admin", "township");
  if (who.role === "township" && who.townshipId !== townshipId) requireRole(who, "admin");
  return admissionList(db, { townshipId });
}

export type Decision =
  | { action: "approve"; reason?: string; days?: number }
  | { action: "reject"; reason: string }
  /** A disputed answer confirmed: the task is in the lists after all (back to 清单内事项). */
  | { action: "uphold"; reason?: string };

/** Why a reclaimed task can never be admitted, and the one way left. */
export const RECLAIMED_REFUSAL =
  "已收回事项不予准入，不能特批：如确需由乡镇承担，只能通过动态调整建议将该事项移出上级部门收回事项清单。";

/**
 * The decision rule for one township: from its status and the asked duration, the admin's decision and the
 * time, the new status, the trimmed reason and the expiry (null unless admitted). Throws a refusal when the
 * decision is not allowed.
 */
export function admissionDecision(
  before: Pick<AdmissionView, "status" | "durationDays">,
  decision: Decision,
  now: Date,
): { status: AdmissionStatus; reason: string; expiresAt: string | null } {
  const reason = decision.reason?.trim() ?? "";
  if (before.status === "refused") throw conflict(RECLAIMED_REFUSAL);
  if (!OPEN_STATUSES.includes(before.status))
    throw conflict(`该申请状态为“${ADMISSION_STATUS_LABELS[before.status]}”，不能再审核`);
  if (decision.action === "uphold") {
    if (before.status !== "disputed") throw conflict("只有有异议的清单内结论可以维持");
    return { status: "answered", reason, expiresAt: null };
  }
  if (decision.action === "reject") {
    if (!reason) throw invalid("不予准入须写明理由");
    return { status: "rejected", reason, expiresAt: null };
  }
  const days = decision.days ?? before.durationDays;
  if (!Number.isInteger(days) || days < 1 || days > 366) throw invalid("准入期限应为 1–366 天");
  return { status: "approved", reason, expiresAt: new Date(now.getTime() + days * 86_400_000).toISOString() };
}

/** Writes a request's summary (status, last decision, latest expiry) from its townships. */
async function summarize(db: WorkflowDb, id: number, deciderId: number | null, now: Date): Promise<void> {
  const view = (await getAdmission(db, id))!;
  const expiries = view.townships
    .filter((t) => t.status === "approved" && t.expiresAt)
    .map((t) => t.expiresAt!)
    .sort();
  const decided = view.townships
    .filter((t) => t.decidedAt)
    .sort((a, b) => a.decidedAt!.localeCompare(b.decidedAt!));
  await updateAdmissionDecision(db, id, {
    status: requestStatus(view.townships.map((t) => t.status)),
    decided_by: deciderId ?? undefined,
    decided_at: deciderId ? now.toISOString() : undefined,
    decision_reason: decided.at(-1)?.decisionReason ?? null,
    expires_at: expiries.at(-1) ?? null,
  });
}

/**
 * The admin decides townships of a request (`townshipIds`, or every township still waiting): each gets its
 * own status, reason and expiry. A reclaimed township is never admitted.
 */
export async function decideAdmission(
  db: WorkflowDb,
  principal: Principal | null,
  id: number,
  decision: Decision,
  now = new Date(),
  townshipIds?: readonly number[],
): Promise<AdmissionView> {
  const admin = requireRole(principal, "admin");
  const before = await getAdmission(db, id);
  if (!before) throw missing(`没有第 ${id} 号准入申请`);
  const chosen = townshipIds
    ? before.townships.filter((t) => townshipIds.includes(t.townshipId))
    : before.townships.filter((t) => OPEN_STATUSES.includes(t.status));
  if (townshipIds && chosen.length !== townshipIds.length) throw invalid("所选乡镇不在该申请中");
  if (chosen.length === 0) {
    if (before.townships.every((t) => t.status === "refused")) throw conflict(RECLAIMED_REFUSAL);
    throw conflict(`该申请状态为“${ADMISSION_STATUS_LABELS[before.status]}”，不能再审核`);
  }
  const outcomes = chosen.map((t) => ({
    t,
    ...admissionDecision({ status: t.status, durationDays: before.durationDays }, decision, now),
  }));
  await inTransaction(db, async (trx) => {
    for (const o of outcomes) {
      await updateTownshipDecision(trx, id, o.t.townshipId, {
        status: o.status,
        decided_by: admin.id,
        decided_at: now.toISOString(),
        decision_reason: o.reason || null,
        expires_at: o.expiresAt,
      });
    }
    await summarize(trx, id, admin.id, now);
    await appendAudit(trx, {
      actor: admin.name,
      action: `admission.${decision.action}`,
      subject: `admission:${id}`,
      before: { townships: chosen.map((t) => ({ township: t.township, status: t.status })) },
      after: {
        townships: outcomes.map((o) => ({
          township: o.t.township,
          status: o.status,
          expiresAt: o.expiresAt,
        })),
        reason: outcomes[0]!.reason || null,
      },
    });
    // An approval or rejection is remembered for the county: the next check of the same task answers as decided.
    if (decision.action !== "uphold") {
      const at = now.toISOString();
      const decided = { ...before, townships: chosen };
      await storePrecedents(
        trx,
        admin.name,
        await admissionPrecedents(trx, decided, "unlisted", admin.name, at),
      );
    }
  });
  return (await getAdmission(db, id))!;
}

/**
 * The requesting department disputes the automatic 清单内 answer for townships of its request (or all
 * answered ones): they go to the admin's queue, with the check's evidence and the department's reason.
 */
export async function disputeAdmission(
  db: WorkflowDb,
  principal: Principal | null,
  id: number,
  reason: string,
  townshipIds?: readonly number[],
  now = new Date(),
): Promise<AdmissionView> {
  const who = requireRole(principal, "department");
  const before = await getAdmission(db, id);
  if (!before) throw missing(`没有第 ${id} 号准入申请`);
  if (before.department !== who.department) requireRole(who, "admin");
  const text = reason.trim();
  if (!text) throw invalid("请写明异议理由：为什么该任务不属于所对应的清单事项");
  if (text.length > 2000) throw invalid("异议理由最多 2000 字");
  const chosen = before.townships.filter(
    (t) => t.status === "answered" && (!townshipIds || townshipIds.includes(t.townshipId)),
  );
  if (chosen.length === 0) throw conflict("只有“清单内事项（无需准入）”的核验结论可以提出异议");
  await inTransaction(db, async (trx) => {
    for (const t of chosen) {
      await updateTownshipDecision(trx, id, t.townshipId, {
        status: "disputed",
        dispute: text,
        disputed_at: now.toISOString(),
      });
    }
    await summarize(trx, id, null, now);
    await appendAudit(trx, {
      actor: who.name,
      action: "admission.dispute",
      subject: `admission:${id}`,
      before: { townships: chosen.map((t) => ({ township: t.township, status: t.status })) },
      after: { townships: chosen.map((t) => t.township), status: "disputed", reason: text },
    });
  });
  return (await getAdmission(db, id))!;
}

/** Temporary admissions of a township ending within `days` (7 by default): the workbench's reminders. */
export function expiringSoon(
  requests: readonly AdmissionView[],
  townshipId: number | null,
  now = new Date(),
  days = 7,
): { request: AdmissionView; township: string; expiresAt: string }[] {
  const until = now.getTime() + days * 86_400_000;
  return requests.flatMap((request) =>
    request.townships
      .filter((t) => townshipId === null || t.townshipId === townshipId)
      .filter((t) => t.status === "approved" && t.expiresAt)
      .filter((t) => Date.parse(t.expiresAt!) > now.getTime() && Date.parse(t.expiresAt!) <= until)
      .map((t) => ({ request, township: t.township, expiresAt: t.expiresAt! })),
  );
}

/** Marks a queued request as turned into a proposal (called by the proposal service, in its transaction). */
export async function markConverted(
  db: WorkflowDb,
  admin: Principal,
  id: number,
  proposalId: number,
): Promise<void> {
  const before = await getAdmission(db, id);
  if (!before) throw missing(`没有第 ${id} 号准入申请`);
  const open = before.townships.filter((t) => OPEN_STATUSES.includes(t.status));
  if (open.length === 0) throw conflict("只有待审核的申请可以转为调整建议");
  const now = new Date();
  for (const t of open) {
    await updateTownshipDecision(db, id, t.townshipId, {
      status: "converted",
      decided_by: admin.id,
      decided_at: now.toISOString(),
    });
  }
  await updateAdmissionDecision(db, id, { proposal_id: proposalId });
  await summarize(db, id, admin.id, now);
  await appendAudit(db, {
    actor: admin.name,
    action: "admission.convert",
    subject: `admission:${id}`,
    before: { status: before.status },
    after: { status: "converted", proposalId },
  });
}

/** Temporary tasks approved for a township and not yet expired, soonest expiry first. */
export async function approvedFor(
  db: WorkflowDb,
  townshipId: number,
  now = new Date(),
): Promise<AdmissionView[]> {
  return admissionsApprovedFor(db, townshipId, now);
}

export interface DepartmentStats {
  department: string;
  requests: number;
  refused: number;
  reclaimed: number;
  approved: number;
  /** refused (reclaimed) plus rejected, over all requests. */
  refusedShare: number;
  reclaimedShare: number;
}

/** Requests per department with the shares refused and reclaimed: the county's "offloading" picture. */
export async function admissionStats(
  db: WorkflowDb,
  principal: Principal | null,
): Promise<DepartmentStats[]> {
  requireRole(principal, "admin");
  return departmentStats(await admissionCountsByDepartment(db));
}

/** Shares refused and reclaimed per department, busiest department first. */
export function departmentStats(
  rows: { department: string; requests: number; refused: number; reclaimed: number; approved: number }[],
): DepartmentStats[] {
  return rows
    .map((r) => {
      const { requests, refused, reclaimed } = r;
      return {
        department: r.department,
        requests,
        refused,
        reclaimed,
        approved: r.approved,
        refusedShare: requests ? refused / requests : 0,
        reclaimedShare: requests ? reclaimed / requests : 0,
      };
    })
    .sort((a, b) => b.requests - a.requests || a.department.localeCompare(b.department, "zh"));
}
