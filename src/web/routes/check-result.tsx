/** @jsxImportSource hono/jsx */
/**
 * The result of a saved check on the check page: GET /t/:township/check/result?check=<id>, where a check
 * that was saved (a signed-in user's, or an anonymous visitor's on request) is answered 303 by the POST
 * (Post/Redirect/Get: Back and reload show the result again and store nothing). It shows the record as
 * saved — verdicts, evidence, 待人工确认 with the candidates — with the 确认/纠正/选此项 forms for users who
 * may decide; a task sheet's saved check shows its rows as the sheet page does, with its annotated workbook
 * from the kept file (GET …/check/result/workbook, sheet-result.tsx); tasks decided from the check since it
 * was saved are marked (check-decided.ts decidedMarks). Its JSON twin: GET /api/v1/t/:township/check/result?check=<id>. Access: the saved check must
 * be this township's and readable by the visitor (workflow/saved-checks.ts), decided where it is loaded.
 */

import type { Context, Hono } from "hono";
import { z } from "zod";
import { SAVED_CHECK_ID, type SavedCheck, savedCheck } from "../../store/saved-checks.ts";
import type { StoredEdition } from "../../store/types.ts";
import { requireReadSavedCheck } from "../../workflow/saved-checks.ts";
import { principalOf, sqlStore } from "../auth/context.ts";
import { type CheckRecord, savedCheckRecord } from "../check-cards.ts";
import { type DecidedMark, decidedMarks } from "../check-decided.ts";
import { checkLimit, UPLOAD_COST } from "../check-work.ts";
import type { WebContext } from "../context.ts";
import { parseQuery } from "../input.ts";
import { loadEdition, mountView, notFound, page } from "../respond.tsx";
import { viewerOf } from "../viewer.ts";
import { CheckPage } from "../views/check-page.tsx";
import { decisionAccess } from "./check-decision.tsx";
import { savedHref } from "./saved-checks.tsx";
import { savedSheetPage, savedWorkbook } from "./sheet-result.tsx";

/** The address of a saved check's result on the check page of `townshipRef`. */
export function resultHref(townshipRef: string, id: string): string {
  return `/t/${encodeURIComponent(townshipRef)}/check/result?check=${id}`;
}

const ResultQuery = z.object({
  check: z.string().regex(SAVED_CHECK_ID, { message: "核验单号应为 32 位十六进制数" }),
});

/** The view's data: the edition the township's route loads, the saved check and its record. */
interface ResultData {
  townshipRef: string;
  edition: StoredEdition;
  saved: SavedCheck;
  record: CheckRecord;
  /** Its tasks decided from it since it was saved, by place (task-N, row-N). */
  decided: Map<string, DecidedMark>;
}

/**
 * Loads the saved check the query names: the township's edition as the visitor may read it, then the
 * saved check, which must be this township's (else not-found, as an unknown id) and readable by the
 * visitor (unauthenticated or forbidden otherwise, as on /checks/:id).
 */
async function resultData(c: Context, web: WebContext): Promise<ResultData> {
  const townshipRef = c.req.param("township")!;
  const { edition } = await loadEdition(c, web, townshipRef, null);
  const { check } = parseQuery(c, ResultQuery);
  const store = sqlStore(web);
  const saved = store ? await savedCheck(store.db, check) : undefined;
  if (!store || !saved || saved.townshipId !== edition.townshipId) throw notFound("没有这个核验单。");
  requireReadSavedCheck(principalOf(c), saved);
  const record = savedCheckRecord(saved.body);
  const decided = await decidedMarks(store.db, townshipRef, edition, saved.id, record);
  return { townshipRef, edition, saved, record, decided };
}

/** Mounts the result view and its JSON twin (before itemRoutes: /t/:township/check/result has their shape). */
export function checkResultRoutes(app: Hono, web: WebContext): void {
  // A saved task sheet's annotated workbook, from the file kept with it, under the saved check's access.
  // Limited as the upload's own download (anonymous visitors: pool work for each request).
  app.get("/t/:township/check/result/workbook", checkLimit(web, UPLOAD_COST), async (c) =>
    savedWorkbook(c, web, await resultData(c, web)),
  );
  mountView(
    app,
    { page: "/t/:township/check/result", api: "/api/v1/t/:township/check/result" },
    (c) => resultData(c, web),
    {
      page: (c, d) => {
        // A task sheet's saved rows, as the sheet page shows them, with the download from the kept file.
        if (d.record.sheet) return savedSheetPage(c, web, d);
        const record = { ...d.record, townshipRef: d.townshipRef };
        return page(
          c,
          <CheckPage
            record={record}
            checked={true}
            role={principalOf(c)?.role ?? null}
            offerSave={!principalOf(c) && sqlStore(web) !== null}
            saved={{ id: d.saved.id, href: savedHref(d.saved.id) }}
            decide={decisionAccess(c, d.edition)}
            decided={d.decided}
            viewer={viewerOf(c)}
          />,
        );
      },
      json: (d, c) => ({
        id: d.saved.id,
        url: resultHref(d.townshipRef, d.saved.id),
        savedUrl: savedHref(d.saved.id),
        checkedAt: d.saved.createdAt,
        checker: d.saved.authorName,
        mayDecide: decisionAccess(c, d.edition) !== null,
        ...d.record,
        // Tasks decided from this check since it was saved: place → the decision as it stands, its page.
        decided: Object.fromEntries(d.decided),
      }),
    },
  );
}
