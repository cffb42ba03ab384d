/**
 * Admission (职责准入): a department asks to give townships a task outside their lists. The task check runs
 * at once against each township's published edition: basic/cooperative → answered with the item;
 * reclaimed → refused unless an admin overrides with a reason; unlisted → the admin's queue, where it is
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
  updateAdmissionDecision,
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
  answered: "清单内事项，无需准入",
  refused: "已收回事项，不予准入",
  pending: "待审核",
  approved: "已准入（临时）",
  rejected: "不予准入",
  overridden: "已收回事项，经特批准入",
  converted: "已转为清单调整建议",
};

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

  const checks: AdmissionTownship[] = [];
  for (const name of names) {
    const township = await townshipByName(db, name);
    const edition = await publishedEdition(db, store, township.id);
    if (!edition) throw invalid(`${township.name}还没有已发布的清单，无法核验`);
    // The county's precedents first: a task decided before is answered as decided.
    const precedents = await precedentsForEdition(storeDb(db), edition.id);
    const result = checkWithPrecedents(editionIndex(edition), task, precedents);
    checks.push({ townshipId: township.id, township: township.name, verdict: result.verdict, result });
  }
  const verdict = overallVerdict(checks.map((c) => c.verdict));
  const status = statusFor(verdict);
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

/** A request as the principal may see it: admins all, departments their own, townships approved ones for them. */
export async function readAdmission(
  db: WorkflowDb,
  principal: Principal | null,
  id: number,
): Promise<AdmissionView> {
  const who = requireRole(principal, "admin", "department", "township");
  const view = await getAdmission(db, id);
  if (!view) throw missing(`没有第 ${id} 号准入申请`);
  if (who.role === "department" && view.department !== who.department) requireRole(null);
  if (who.role === "township") {
    const applies = view.townships.some((t) => t.townshipId === who.townshipId);
    if (!applies || (view.status !== "approved" && view.status !== "overridden")) requireRole(who, "admin");
  }
  return view;
}

/** Requests the principal may list: admins all (or by status), departments their own. */
export async function listAdmissions(
  db: WorkflowDb,
  principal: Principal | null,
  filter: { status?: AdmissionStatus } = {},
): Promise<AdmissionView[]> {
  const who = requireRole(principal, "admin", "department");
  const department = who.role === "department" ? who.department! : undefined;
  return admissionList(db, { department, status: filter.status });
}

export type Decision =
  | { action: "approve"; reason?: string; days?: number }
  | { action: "reject"; reason: string }
  | { action: "override"; reason: string; days?: number };

/**
 * The decision rule: from a request's status and asked duration, the admin's decision and the time, the new
 * status, the trimmed reason and the expiry (null when rejected). Throws a refusal when the decision is not allowed.
 */
export function admissionDecision(
  before: Pick<AdmissionView, "status" | "durationDays">,
  decision: Decision,
  now: Date,
): { status: AdmissionStatus; reason: string; expiresAt: string | null } {
  const reason = decision.reason?.trim() ?? "";
  let status: AdmissionStatus;
  let expiresAt: string | null = null;
  if (decision.action === "override") {
    if (before.status !== "refused") throw conflict("只有因属已收回事项而被拒的申请可以特批");
    if (!reason) throw invalid("特批已收回事项须写明理由");
    status = "overridden";
  } else {
    if (before.status !== "pending")
      throw conflict(`该申请状态为“${ADMISSION_STATUS_LABELS[before.status]}”，不能再审核`);
    if (decision.action === "reject" && !reason) throw invalid("不予准入须写明理由");
    status = decision.action === "approve" ? "approved" : "rejected";
  }
  if (status !== "rejected") {
    const days = "days" in decision && decision.days !== undefined ? decision.days : before.durationDays;
    if (!Number.isInteger(days) || days < 1 || days > 366) throw invalid("准入期限应为 1–366 天");
    expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  }
  return { status, reason, expiresAt };
}

/** The admin decides a queued (or, to override, a refused) request. */
export async function decideAdmission(
  db: WorkflowDb,
  principal: Principal | null,
  id: number,
  decision: Decision,
  now = new Date(),
): Promise<AdmissionView> {
  const admin = requireRole(principal, "admin");
  const before = await getAdmission(db, id);
  if (!before) throw missing(`没有第 ${id} 号准入申请`);
  const { status, reason, expiresAt } = admissionDecision(before, decision, now);
  await inTransaction(db, async (trx) => {
    await updateAdmissionDecision(trx, id, {
      status,
      decided_by: admin.id,
      decided_at: now.toISOString(),
      decision_reason: reason || null,
      expires_at: expiresAt,
    });
    await appendAudit(trx, {
      actor: admin.name,
      action: `admission.${decision.action}`,
      subject: `admission:${id}`,
      before: { status: before.status },
      after: { status, reason: reason || null, expiresAt },
    });
    // The decision is remembered for the county: the next check of the same task answers as decided.
    const decided = decision.action === "override" ? "reclaimed" : "unlisted";
    const at = now.toISOString();
    await storePrecedents(trx, admin.name, await admissionPrecedents(trx, before, decided, admin.name, at));
  });
  return (await getAdmission(db, id))!;
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
  if (before.status !== "pending") throw conflict("只有待审核的申请可以转为调整建议");
  await updateAdmissionDecision(db, id, {
    status: "converted",
    decided_by: admin.id,
    decided_at: new Date().toISOString(),
    proposal_id: proposalId,
  });
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
