/**
 * The migrations, listed statically so they load the same under tsx, a bundler or a compiled build
 * (no directory globbing). Add each new migration here; Kysely runs them in name order.
 */
import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001_initial.ts";
import * as editionRevision from "./0002_edition_revision.ts";
import * as auditUsers from "./0003_audit_users.ts";
import * as admissionsAdjustments from "./0004_admissions_adjustments.ts";
import * as editionItemCounts from "./0005_edition_item_counts.ts";
import * as signin from "./0006_signin.ts";
import * as precedents from "./0007_precedents.ts";
import * as idempotency from "./0008_idempotency.ts";
import * as savedChecks from "./0009_saved_checks.ts";
import * as admissionPerTownship from "./0010_admission_per_township.ts";
import * as itemsInsertBumpsOnce from "./0011_items_insert_bumps_once.ts";
import * as itemsInsertBumpsWithEdition from "./0012_items_insert_bumps_with_edition.ts";
import * as itemsDetailLz4 from "./0013_items_detail_lz4.ts";
import * as itemDetailsShared from "./0014_item_details_shared.ts";
import * as precedentRevision from "./0015_precedent_revision.ts";
import * as savedCheckFiles from "./0016_saved_check_files.ts";
import * as savedCheckDecisions from "./0017_saved_check_decisions.ts";

export const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_edition_revision": editionRevision,
  "0003_audit_users": auditUsers,
  "0004_admissions_adjustments": admissionsAdjustments,
  "0005_edition_item_counts": editionItemCounts,
  "0006_signin": signin,
  "0007_precedents": precedents,
  "0008_idempotency": idempotency,
  "0009_saved_checks": savedChecks,
  "0010_admission_per_township": admissionPerTownship,
  "0011_items_insert_bumps_once": itemsInsertBumpsOnce,
  "0012_items_insert_bumps_with_edition": itemsInsertBumpsWithEdition,
  "0013_items_detail_lz4": itemsDetailLz4,
  "0014_item_details_shared": itemDetailsShared,
  "0015_precedent_revision": precedentRevision,
  "0016_saved_check_files": savedCheckFiles,
  "0017_saved_check_decisions": savedCheckDecisions,
};

/** A Kysely MigrationProvider over the static list above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
