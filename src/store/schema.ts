/**
 * The tables as Kysely sees them. Column types are portable (text and integer only): JSON is stored as
 * text, booleans as 0/1, timestamps as ISO-8601 text, so SQLite and PostgreSQL share every query.
 */
import type { Generated, Insertable, Selectable } from "kysely";
import type { ListKind } from "../domain/edition.ts";
import type { EditionStatus } from "./types.ts";

export interface CountyTable {
  id: Generated<number>;
  name: string;
  /** Higher levels printed before the county; part of the key, since county names repeat across China. */
  region: string;
}

export interface TownshipTable {
  id: Generated<number>;
  county_id: number;
  name: string;
}

export interface EditionTable {
  id: Generated<number>;
  township_id: number;
  date: string;
  title: string;
  status: EditionStatus;
  imported_at: string;
  source_file: string;
  /** JSON: string[]. */
  preface: string;
  /** JSON: Record<ListKind, StatedTotals>. */
  stated: string;
  /** JSON: Problem[]. */
  warnings: string;
  /** Items per list, written with the edition (its items never change afterwards). */
  basic_items: Generated<number>;
  cooperative_items: Generated<number>;
  reclaimed_items: Generated<number>;
}

export interface ItemTable {
  id: Generated<number>;
  edition_id: number;
  /** Order in the draft, so a stored edition gives back its items exactly as imported. */
  position: number;
  list: ListKind;
  number: number;
  category: string;
  name: string;
  /** 0 or 1. */
  local: number;
  remark: string | null;
  /** The list-specific fields (item_details, shared by the items carrying the same); null for basic items. */
  detail_id: number | null;
}

/** The list-specific fields of items as JSON (see rows.ts), stored once per distinct text (details.ts). */
export interface ItemDetailTable {
  id: Generated<number>;
  /** detailDigest of `detail`: how an import finds a detail already stored. */
  digest: string;
  detail: string;
}

export interface DepartmentTable {
  id: Generated<number>;
  county_id: number;
  name: string;
}

export type DepartmentRole = "lead" | "takeover";

export interface ItemDepartmentTable {
  item_id: number;
  department_id: number;
  role: DepartmentRole;
}

/**
 * One row (id = 1), bumped by triggers: edition_revision on every write to editions and items,
 * precedent_revision on every write to precedents.
 */
export interface RevisionTable {
  id: number;
  revision: number;
}

/** How a precedent came about ("review": decided again after it was set aside). */
export type PrecedentSource = "admission" | "confirmation" | "correction" | "import" | "review";

export interface PrecedentTable {
  id: Generated<number>;
  county_id: number;
  /** The task's wording as decided. */
  text: string;
  verdict: "basic" | "cooperative" | "reclaimed" | "unlisted";
  /** The decided item (null for unlisted), with its name at the time of the decision. */
  list: ListKind | null;
  number: number | null;
  item_name: string | null;
  source: PrecedentSource;
  /** Who decided: a user's name, or "cli:<os user>" for an import. */
  decided_by: string;
  /** ISO-8601. */
  decided_at: string;
}

export interface Database {
  counties: CountyTable;
  townships: TownshipTable;
  editions: EditionTable;
  items: ItemTable;
  item_details: ItemDetailTable;
  departments: DepartmentTable;
  item_departments: ItemDepartmentTable;
  edition_revision: RevisionTable;
  /** Bumped by every write to precedents (migration 0015). */
  precedent_revision: RevisionTable;
  precedents: PrecedentTable;
  idempotency_keys: IdempotencyKeyTable;
  saved_checks: SavedCheckTable;
  saved_check_files: SavedCheckFileTable;
  saved_check_decisions: SavedCheckDecisionTable;
}

/** A task check kept as answered, under an unguessable id (see store/saved-checks.ts). */
export interface SavedCheckTable {
  id: string;
  author_id: number | null;
  author_name: string | null;
  township_id: number;
  edition_id: number;
  township: string;
  county: string;
  edition_date: string;
  task_count: number;
  summary: string;
  /** JSON: the check record (web/check-cards.ts). */
  body: string;
  created_at: string;
}

/** The file a saved check was made from (a task sheet's workbook), at most one per saved check. */
export interface SavedCheckFileTable {
  check_id: string;
  name: string;
  content_type: string;
  /** Bytes before base64. */
  size: number;
  /** The file's bytes, base64. */
  bytes: string;
}

/** A decision made on a task of a saved check: its place there (task-N, row-N) and the precedent stored. */
export interface SavedCheckDecisionTable {
  check_id: string;
  place: string;
  precedent_id: number;
  decided_at: string;
}

/** A write's first answer, kept under the client's Idempotency-Key (see store/idempotency.ts). */
export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request: string;
  request_hash: string;
  status: number | null;
  headers: string | null;
  body: string | null;
  created_at: string;
}

export type EditionRecord = Selectable<EditionTable>;
export type ItemRecord = Selectable<ItemTable>;
export type NewItem = Insertable<ItemTable>;
