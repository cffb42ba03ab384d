/** Storing an imported edition together with its audit entry, in one transaction. */
import { type EditionDraft, summarize } from "../domain/edition.ts";
import { type SaveOptions, SqlDutyStore } from "../store/index.ts";
import { storeDb, workflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { appendAudit } from "./audit.ts";

export interface ImportOptions extends SaveOptions {
  /**
   * With `replace`: the new edition takes the status of the one it replaces (a published list stays
   * published); `status` applies only when there is none. Without it, `status` always applies.
   */
  keepStatus?: boolean;
}

/**
 * Saves a draft as an edition (status "draft" unless options say otherwise) and records the import in the
 * audit log; both commit or neither. Returns the edition id.
 */
export function importEdition(
  store: SqlDutyStore,
  draft: EditionDraft,
  actor: string,
  options: ImportOptions = {},
): Promise<number> {
  return inTransaction(workflowDb(store.db), async (trx) => {
    const inTrx = new SqlDutyStore(storeDb(trx));
    let status = options.status ?? "draft";
    if (options.replace && options.keepStatus) {
      // All editions, not by township name: a name alone is ambiguous across counties.
      const replaced = (await inTrx.listEditions()).find(
        (e) => e.township === draft.township && e.county === draft.county && e.date === draft.date,
      );
      if (replaced) status = replaced.status;
    }
    const { keepStatus: _, ...save } = options;
    const id = await inTrx.saveEdition(draft, { ...save, status });
    await appendAudit(trx, {
      actor,
      action: options.replace ? "edition.reimport" : "edition.import",
      subject: `edition:${draft.township}/${draft.date}`,
      after: {
        editionId: id,
        status,
        county: draft.county,
        title: draft.title,
        sourceFile: options.sourceFile ?? "",
        counts: summarize(draft.items),
      },
    });
    return id;
  });
}
