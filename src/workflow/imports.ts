/** Storing an imported edition together with its audit entry, in one transaction. */
import { type EditionDraft, summarize } from "../domain/edition.ts";
import { type SaveOptions, SqlDutyStore } from "../store/index.ts";
import { storeDb, workflowDb } from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { appendAudit } from "./audit.ts";

/**
 * Saves a draft as an edition (status "draft" unless options say otherwise) and records the import in the
 * audit log; both commit or neither. Returns the edition id.
 */
export function importEdition(
  store: SqlDutyStore,
  draft: EditionDraft,
  actor: string,
  options: SaveOptions = {},
): Promise<number> {
  return inTransaction(workflowDb(store.db), async (trx) => {
    const status = options.status ?? "draft";
    const id = await new SqlDutyStore(storeDb(trx)).saveEdition(draft, { ...options, status });
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
