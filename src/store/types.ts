/**
 * What the rest of lvzhi asks of storage. Implemented once over Kysely (SQLite and, later, PostgreSQL);
 * web, CLI, match and workflow code depend only on this contract.
 */
import type { EditionDraft, Item, ListKind } from "../domain/edition.ts";
import type { Problem } from "../domain/problem.ts";
import { Refusal } from "../domain/refusal.ts";

export type EditionStatus = "draft" | "review" | "published" | "superseded";

export interface TownshipRow {
  id: number;
  name: string;
  county: string;
  region: string;
}

export interface CountyRow {
  name: string;
  region: string;
  /** Townships stored under the county. */
  townships: number;
}

export interface EditionRow {
  id: number;
  townshipId: number;
  township: string;
  county: string;
  date: string;
  title: string;
  status: EditionStatus;
  importedAt: string;
  sourceFile: string;
  counts: Record<ListKind, number>;
}

/** A stored edition with all its items, preface and the problems found at import. */
export interface StoredEdition extends EditionRow {
  draft: EditionDraft;
  warnings: Problem[];
}

export interface SaveOptions {
  /** Replace an existing edition of the same township and date instead of refusing. */
  replace?: boolean;
  status?: EditionStatus;
  sourceFile?: string;
  warnings?: Problem[];
}

/** Thrown when the same township and date are imported again without `replace`. */
export class EditionExistsError extends Refusal {
  override name = "EditionExistsError";
  constructor(
    readonly township: string,
    readonly date: string,
  ) {
    super("conflict", `${township} 的 ${date} 版清单已存在；如需覆盖，请使用 --replace`, { township, date });
  }
}

/**
 * Who reads, as the store needs to know it when loading editions for someone: which editions they may
 * read and how to refuse the others. The rule itself lives above the store (workflow/access.ts).
 */
export interface EditionReader {
  canRead(edition: { status: EditionStatus; townshipId: number }): boolean;
  /** The refusal for an edition that exists but may not be read by this reader. */
  refusal(): Refusal;
}

/** What a reader sees of a township: the editions they may read (newest first) and the one to show. */
export interface ReadableEditions {
  township: TownshipRow;
  editions: EditionRow[];
  shown: EditionRow;
  /** The precedents' revision read with the editions (a task check's precedents are at least this new). */
  precedentRevision?: number;
}

export interface ItemFilter {
  list?: ListKind;
  category?: string;
  department?: string;
  local?: boolean;
}

/** A department and the items that involve it, across townships. */
export interface DepartmentUse {
  department: string;
  county: string;
  items: { township: string; editionId: number; item: Item }[];
}

/** One edition's place and status (store/townships.ts). */
export interface CatalogEntry {
  townshipId: number;
  name: string;
  county: string;
  region: string;
  status: EditionStatus;
}

export interface DutyStore {
  /** Stores a whole edition in one transaction; on any failure nothing is stored. Returns the edition id. */
  saveEdition(draft: EditionDraft, options?: SaveOptions): Promise<number>;
  listTownships(): Promise<TownshipRow[]>;
  listEditions(township?: string): Promise<EditionRow[]>;
  /** Every edition as (township, county, status), narrow rows for lists and counts (see townships.ts). */
  townshipCatalog(): Promise<CatalogEntry[]>;
  /** The editions of the given townships, newest first within each. */
  editionsOf(townshipIds: readonly number[]): Promise<EditionRow[]>;
  /** The current edition of a township (the newest published, else the newest), or a given date. */
  getEdition(township: string, date?: string): Promise<StoredEdition | undefined>;
  getEditionById(id: number): Promise<StoredEdition | undefined>;
  /**
   * For a reader: the township a reference names among those with an edition the reader may read, its
   * readable editions and the one to show — the given date's, else the newest published, else the newest
   * readable. Undefined when no such township or date exists; the reader's refusal when it exists but may
   * not be read; AmbiguousTownshipError when the bare name fits several townships the reader may read.
   */
  readableEditions(
    township: string,
    date: string | null,
    reader: EditionReader,
  ): Promise<ReadableEditions | undefined>;
  /** Departments named in a county's current editions, with how many items involve each. */
  listDepartments(county?: string): Promise<{ name: string; county: string; items: number }[]>;
  departmentUse(name: string, county?: string): Promise<DepartmentUse>;
  listCounties(): Promise<CountyRow[]>;
  /** The newest published edition of every township of a county (empty for an unknown county). */
  countyEditions(county: string): Promise<StoredEdition[]>;
  /** Changes whenever the current editions of the county change (cheap: for caches of county views). */
  countySignature(county: string): Promise<string>;
  /**
   * A number that changes whenever any process writes an edition or its items (import, replace, status
   * change). Per-process caches poll it (cheap: one single-row read) and drop what depends on which
   * edition is current when it moves; see README "省级部署".
   */
  editionsVersion(): Promise<number>;
  close(): Promise<void>;
}
