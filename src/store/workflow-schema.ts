/**
 * The workflow's tables as Kysely sees them (created by migrations 0002–0004). Portable column types only,
 * as in ./schema.ts: JSON as text, booleans as 0/1, timestamps as ISO-8601 text.
 */
import type { Generated, Kysely } from "kysely";
import type { ListKind } from "../domain/edition.ts";
import type { Database } from "./schema.ts";
import type { SigninDb, SigninTables } from "./signin.ts";

export type Role = "admin" | "township" | "department";
export const ROLES: readonly Role[] = ["admin", "township", "department"];

export interface AuditTable {
  id: Generated<number>;
  at: string;
  /** User name, or "cli:<os user>" / "system". */
  actor: string;
  action: string;
  /** What the change concerns, e.g. "edition:策勒乡/2025-07", "user:wang". */
  subject: string;
  /** Canonical JSON, or null. */
  before: string | null;
  after: string | null;
  /** Hash of the previous entry ("0"×64 for the first); unique, so the chain cannot fork. */
  prev_hash: string;
  /** SHA-256 (hex) over the canonical serialisation of this entry and prev_hash. */
  hash: string;
}

export interface UserTable {
  id: Generated<number>;
  name: string;
  role: Role;
  /** township role: the township it edits. */
  township_id: number | null;
  /** department role: canonical department name. */
  department: string | null;
  password_hash: string;
  /** 1 while the password is a one-time password (or was reset). */
  must_change: number;
  password_changed_at: string;
  /** Base32 TOTP secret; set at enrolment, confirmed when totp_enabled = 1. */
  totp_secret: string | null;
  totp_enabled: number;
  /** A secret being enrolled, until its first code confirms it (migration 0004). */
  totp_pending: string | null;
  /** Last TOTP time step accepted, so a code cannot be replayed. */
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a leaked database gives no usable session. */
  id: string;
  user_id: number;
  /** "password" while an admin still owes the second factor; "full" afterwards. */
  stage: "password" | "full";
  csrf: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export type AdmissionStatus =
  | "answered"
  | "refused"
  | "pending"
  | "approved"
  | "rejected"
  | "overridden"
  | "converted"
  /** A township's automatic 清单内 answer the department disputes: in the admin's queue. */
  | "disputed";

export interface AdmissionTable {
  id: Generated<number>;
  department: string;
  requester_id: number;
  task: string;
  reason: string;
  basis: string;
  duration_days: number;
  /** The strongest verdict over the townships: reclaimed > unlisted > cooperative > basic. */
  verdict: "basic" | "cooperative" | "reclaimed" | "unlisted";
  status: AdmissionStatus;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** approved/overridden: until when the temporary task applies. */
  expires_at: string | null;
  /** converted: the proposal made from it. */
  proposal_id: number | null;
}

export interface AdmissionTownshipTable {
  admission_id: number;
  township_id: number;
  verdict: "basic" | "cooperative" | "reclaimed" | "unlisted";
  /** JSON: the CheckResult against the township's published edition. */
  result: string;
  /** This township's own status and decision (a request's townships are decided one by one). */
  status: AdmissionStatus;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  expires_at: string | null;
  /** The department's reason for disputing an automatic answer. */
  dispute: string | null;
  disputed_at: string | null;
}

export type ProposalKind = "add" | "change" | "move" | "remove";
export type ProposalStatus = "open" | "accepted" | "rejected";

export interface ProposalTable {
  id: Generated<number>;
  /** One township, or null with county_id set: every township of the county. */
  township_id: number | null;
  county_id: number;
  author_id: number;
  kind: ProposalKind;
  /** change/move/remove: the item as it stands (list and number in the current edition). */
  target_list: ListKind | null;
  target_number: number | null;
  /** add/change/move: the item as proposed (JSON Item; number ignored, assigned on apply). */
  item: string | null;
  reason: string;
  status: ProposalStatus;
  created_at: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  /** accepted: the date of the draft edition it was applied to (per township for county-wide ones: see audit). */
  edition_date: string | null;
}

/**
 * Drafts are rewritten whole when a proposal is applied (the store's replace gives the edition a new id),
 * so workflow rows name an edition by township and date, which stay fixed.
 */
export interface ReviewRoundTable {
  id: Generated<number>;
  township_id: number;
  edition_date: string;
  number: number;
  opened_by: number;
  opened_at: string;
  closed_at: string | null;
}

export interface ReviewCommentTable {
  id: Generated<number>;
  round_id: number;
  /** "cooperative:8", or "" for the edition as a whole. */
  item_key: string;
  author_id: number;
  body: string;
  created_at: string;
  answer: string | null;
  answered_by: number | null;
  answered_at: string | null;
}

export interface WorkflowTables extends SigninTables {
  audit_log: AuditTable;
  users: UserTable;
  sessions: SessionTable;
  admissions: AdmissionTable;
  admission_townships: AdmissionTownshipTable;
  proposals: ProposalTable;
  review_rounds: ReviewRoundTable;
  review_comments: ReviewCommentTable;
}

export type WorkflowDatabase = Database & WorkflowTables;
export type WorkflowDb = Kysely<WorkflowDatabase>;

/** The store's Kysely instance seen with the workflow tables too. */
export function workflowDb(db: Kysely<Database>): WorkflowDb {
  return db as unknown as WorkflowDb;
}

/** The same connection (or transaction) seen with the sign-in tables only, for store/signin.ts. */
export function signinDb(db: WorkflowDb): SigninDb {
  return db as unknown as SigninDb;
}

/** The same connection (or transaction) seen with the store's tables only, for the store's functions. */
export function storeDb(db: WorkflowDb): Kysely<Database> {
  return db as unknown as Kysely<Database>;
}
