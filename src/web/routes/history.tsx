/** @jsxImportSource hono/jsx */
/** Comparing editions (/diff/:township) and an item's history across editions (/history/…), with JSON twins. */
import type { Context } from "hono";
import { z } from "zod";
import { LIST_KINDS } from "../../domain/edition.ts";
import type { StoredEdition } from "../../store/index.ts";
import { requireReadEdition } from "../../workflow/access.ts";
import { diffEditions } from "../../workflow/diff.ts";
import { requireEdition } from "../../workflow/editions.ts";
import { invalid } from "../../workflow/errors.ts";
import { itemHistory } from "../../workflow/history.ts";
import { publishedEdition, townshipByName, workingEdition } from "../../workflow/places.ts";
import type { RouteModule } from "../app.ts";
import { dbOf, principalOf, refusals, sqlStore } from "../auth/context.ts";
import { choice, editionDate, parseParams, parseQuery, textField } from "../input.ts";
import { mountView } from "../respond.tsx";
import { DiffBody, type DiffData, HistoryBody, historyName } from "../views/history-page.tsx";
import { workflowPage } from "../views/workflow-ui.tsx";

const DiffParams = z.object({ township: textField(120) });
const DiffQuery = z.object({ from: editionDate.optional(), to: editionDate.optional() });
const HistoryParams = z.object({
  township: textField(120),
  date: editionDate,
  list: choice(LIST_KINDS),
  number: z.string().regex(/^\d{1,6}$/, { message: "序号应为正整数" }),
});

export const historyRoutes: RouteModule = (app, web) => {
  const store = sqlStore(web);
  if (!store) return;
  const db = dbOf(store);

  /** Two editions to compare: ?from=&to= dates; default to the working (else published) and the one before. */
  const diffOf = async (c: Context): Promise<DiffData> => {
    const township = await refusals(() => townshipByName(db, parseParams(c, DiffParams).township));
    const { from: fromDate, to: toDate } = parseQuery(c, DiffQuery);
    const to: StoredEdition | undefined = toDate
      ? await refusals(() => requireEdition(db, store, township, toDate))
      : ((await workingEdition(db, store, township.id)) ?? (await publishedEdition(db, store, township.id)));
    if (!to) throw invalid("该乡镇没有可比较的清单");
    let from: StoredEdition | undefined;
    if (fromDate) from = await refusals(() => requireEdition(db, store, township, fromDate));
    else {
      const older = (await store.listEditions(township.name))
        .filter((e) => e.date < to.date && (e.status === "published" || e.status === "superseded"))
        .sort((a, b) => b.date.localeCompare(a.date))[0];
      from = older ? await store.getEditionById(older.id) : undefined;
    }
    if (!from) throw invalid("没有更早的版本可比较：请用 ?from=日期 指定");
    for (const e of [from, to]) requireReadEdition(principalOf(c), e);
    return { township, from, to, diff: diffEditions(from.draft, to.draft) };
  };
  mountView(app, { page: "/diff/:township", api: "/api/v1/diff/:township" }, diffOf, {
    page: (c, data) => workflowPage(c, `${data.township.name} 版本比较`, <DiffBody data={data} />),
    json: ({ township, from, to, diff }) => ({
      township: township.name,
      from: from.date,
      to: to.date,
      ...diff,
    }),
  });

  const historyOf = async (c: Context) => {
    const params = parseParams(c, HistoryParams);
    const township = await refusals(() => townshipByName(db, params.township));
    const key = `${params.list}:${params.number}`;
    const steps = await refusals(() => itemHistory(db, store, principalOf(c), township, params.date, key));
    return { township, key, steps };
  };
  mountView(
    app,
    {
      page: "/history/:township/:date/:list/:number{[0-9]+}",
      api: "/api/v1/history/:township/:date/:list/:number{[0-9]+}",
    },
    historyOf,
    {
      page: (c, { township, steps }) => {
        return workflowPage(
          c,
          `事项历史：${historyName(steps)}`,
          <HistoryBody township={township} steps={steps} />,
        );
      },
      json: ({ township, key, steps }) => ({ township: township.name, key, steps }),
    },
  );
};
