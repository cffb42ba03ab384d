/**
 * Admission requests (职责准入) and the townships each was checked against: the queries behind
 * workflow/admission.ts. The rules (who may file, read or decide, and what a decision sets) stay there.
 */
import type { CheckResult, Verdict } from "../domain/verdict.ts";
import type {
  AdmissionStatus,
  AdmissionTable,
  AdmissionTownshipTable,
  WorkflowDb,
} from "./workflow-schema.ts";

/** One township a request was checked against, with the check's result and this township's decision. */
export interface AdmissionTownship {
  townshipId: number;
  township: string;
  verdict: Verdict;
  result: CheckResult;
  status: AdmissionStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  expiresAt: string | null;
  /** The department's reason for disputing an automatic 清单内 answer. */
  dispute: string | null;
}

/** A stored request with requester's and decider's names and its townships. */
export interface AdmissionRecord {
  id: number;
  department: string;
  requester: string;
  task: string;
  reason: string;
  basis: string;
  durationDays: number;
  verdict: Verdict;
  status: AdmissionStatus;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  expiresAt: string | null;
  proposalId: number | null;
  townships: AdmissionTownship[];
}

/** What a new request stores (status and verdict already decided by the rules). */
export interface NewAdmission {
  department: string;
  requesterId: number;
  task: string;
  reason: string;
  basis: string;
  durationDays: number;
  verdict: Verdict;
  status: AdmissionStatus;
  townships: { townshipId: number; verdict: Verdict; result: CheckResult; status: AdmissionStatus }[];
}

/** Stores a request and its townships (call inside a transaction); returns its id. */
export async function insertAdmission(db: WorkflowDb, a: NewAdmission, now = new Date()): Promise<number> {
  const { id } = await db
    .insertInto("admissions")
    .values({
      department: a.department,
      requester_id: a.requesterId,
      task: a.task,
      reason: a.reason,
      basis: a.basis,
      duration_days: a.durationDays,
      verdict: a.verdict,
      status: a.status,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("admission_townships")
    .values(
      a.townships.map((c) => ({
        admission_id: id,
        township_id: c.townshipId,
        verdict: c.verdict,
        result: JSON.stringify(c.result),
        status: c.status,
      })),
    )
    .execute();
  return id;
}

function admissionRows(db: WorkflowDb) {
  return db
    .selectFrom("admissions")
    .innerJoin("users as requester", "requester.id", "admissions.requester_id")
    .leftJoin("users as decider", "decider.id", "admissions.decided_by")
    .selectAll("admissions")
    .select(["requester.name as requester", "decider.name as decider"]);
}

type AdmissionRow = Awaited<ReturnType<ReturnType<typeof admissionRows>["executeTakeFirstOrThrow"]>>;

async function toRecords(db: WorkflowDb, rows: AdmissionRow[]): Promise<AdmissionRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom("admission_townships")
    .innerJoin("townships", "townships.id", "admission_townships.township_id")
    .leftJoin("users as decider", "decider.id", "admission_townships.decided_by")
    .select([
      "admission_townships.admission_id",
      "admission_townships.township_id",
      "admission_townships.verdict",
      "admission_townships.result",
      "admission_townships.status",
      "admission_townships.decided_at",
      "admission_townships.decision_reason",
      "admission_townships.expires_at",
      "admission_townships.dispute",
      "decider.name as decider",
      "townships.name",
    ])
    .where(
      "admission_townships.admission_id",
      "in",
      rows.map((r) => r.id),
    )
    .orderBy("townships.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    department: r.department,
    requester: r.requester,
    task: r.task,
    reason: r.reason,
    basis: r.basis,
    durationDays: r.duration_days,
    verdict: r.verdict,
    status: r.status,
    createdAt: r.created_at,
    decidedBy: r.decider,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    expiresAt: r.expires_at,
    proposalId: r.proposal_id,
    townships: links
      .filter((l) => l.admission_id === r.id)
      .map((l) => ({
        townshipId: l.township_id,
        township: l.name,
        verdict: l.verdict,
        result: JSON.parse(l.result) as CheckResult,
        status: l.status,
        decidedBy: l.decider,
        decidedAt: l.decided_at,
        decisionReason: l.decision_reason,
        expiresAt: l.expires_at,
        dispute: l.dispute,
      })),
  }));
}

/** One request, or undefined. */
export async function admissionById(db: WorkflowDb, id: number): Promise<AdmissionRecord | undefined> {
  const row = await admissionRows(db).where("admissions.id", "=", id).executeTakeFirst();
  return row ? (await toRecords(db, [row]))[0] : undefined;
}

/** Up to 500 requests, newest first, optionally of one department, one status, naming one township. */
export async function admissionList(
  db: WorkflowDb,
  filter: { department?: string; status?: AdmissionStatus; townshipId?: number },
): Promise<AdmissionRecord[]> {
  let q = admissionRows(db);
  if (filter.department !== undefined) q = q.where("admissions.department", "=", filter.department);
  if (filter.townshipId !== undefined) {
    const townshipId = filter.townshipId;
    q = q.where("admissions.id", "in", (eb) =>
      eb.selectFrom("admission_townships").select("admission_id").where("township_id", "=", townshipId),
    );
  }
  if (filter.status) q = q.where("admissions.status", "=", filter.status);
  return toRecords(db, await q.orderBy("admissions.id", "desc").limit(500).execute());
}

/** Requests approved (or once overridden) for a township and expiring after `now`, soonest expiry first. */
export async function admissionsApprovedFor(
  db: WorkflowDb,
  townshipId: number,
  now: Date,
): Promise<AdmissionRecord[]> {
  const rows = await admissionRows(db)
    .innerJoin("admission_townships as at", "at.admission_id", "admissions.id")
    .where("at.township_id", "=", townshipId)
    .where("at.status", "in", ["approved", "overridden"])
    .where("at.expires_at", ">", now.toISOString())
    .orderBy("at.expires_at")
    .execute();
  return toRecords(db, rows);
}

/** Writes one township's decision (or dispute) onto a request's township. */
export async function updateTownshipDecision(
  db: WorkflowDb,
  admissionId: number,
  townshipId: number,
  set: Partial<
    Pick<
      AdmissionTownshipTable,
      "status" | "decided_by" | "decided_at" | "decision_reason" | "expires_at" | "dispute" | "disputed_at"
    >
  >,
): Promise<void> {
  await db
    .updateTable("admission_townships")
    .set(set)
    .where("admission_id", "=", admissionId)
    .where("township_id", "=", townshipId)
    .execute();
}

/** Writes a decision's columns (status, decider, time, reason, expiry, proposal) onto a request. */
export async function updateAdmissionDecision(
  db: WorkflowDb,
  id: number,
  set: Partial<
    Pick<
      AdmissionTable,
      "status" | "decided_by" | "decided_at" | "decision_reason" | "expires_at" | "proposal_id"
    >
  >,
): Promise<void> {
  await db.updateTable("admissions").set(set).where("id", "=", id).execute();
}

/** Per department: all requests, refused or rejected, reclaimed verdicts, approved or overridden. */
export async function admissionCountsByDepartment(
  db: WorkflowDb,
): Promise<{ department: string; requests: number; refused: number; reclaimed: number; approved: number }[]> {
  const rows = await db
    .selectFrom("admissions")
    .select((eb) => [
      "department",
      eb.fn.countAll<number>().as("requests"),
      eb.fn
        .sum<number>(eb.case().when("status", "in", ["refused", "rejected"]).then(1).else(0).end())
        .as("refused"),
      eb.fn.sum<number>(eb.case().when("verdict", "=", "reclaimed").then(1).else(0).end()).as("reclaimed"),
      eb.fn
        .sum<number>(eb.case().when("status", "in", ["approved", "overridden"]).then(1).else(0).end())
        .as("approved"),
    ])
    .groupBy("department")
    .execute();
  return rows.map((r) => ({
    department: r.department,
    requests: Number(r.requests),
    refused: Number(r.refused ?? 0),
    reclaimed: Number(r.reclaimed ?? 0),
    approved: Number(r.approved ?? 0),
  }));
}

/** The townships an admission request was checked against (ids, in stored order). */
export async function admissionTownshipIds(db: WorkflowDb, admissionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("admission_townships")
    .select("township_id")
    .where("admission_id", "=", admissionId)
    .execute();
  return rows.map((r) => r.township_id);
}
