/** @jsxImportSource hono/jsx */
/** Home: the townships and their editions (GET /, JSON twin GET /api/v1/townships). */
import type { Context } from "hono";
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { EditionRow, TownshipRow } from "../../store/types.ts";
import { canReadEdition } from "../../workflow/access.ts";
import type { RouteModule } from "../app.ts";
import { principalOf } from "../auth/context.ts";
import type { WebContext } from "../context.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { page } from "../respond.tsx";
import { browseHref, defaultBrowse } from "../urls.ts";
import { type Viewer, viewerOf } from "../viewer.ts";
import { STATUS_LABELS } from "../views/labels.ts";
import { Layout } from "../views/layout.tsx";

export interface TownshipEntry extends TownshipRow {
  /** How links name it: 乡镇名, or 县名/乡镇名 when the visitor sees the name in several counties. */
  ref: string;
  url: string;
  apiUrl: string;
  editions: (EditionRow & { url: string })[];
}

/** Townships with the editions the visitor may read (drafts only for those who may), newest first. */
export async function townships(web: WebContext, c: Context): Promise<TownshipEntry[]> {
  const principal = principalOf(c);
  const [rows, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  // Grouped once: filtering all editions per township is quadratic (1.5 s at 10 000 townships).
  const byTownship = new Map<number, EditionRow[]>();
  for (const e of editions) {
    if (!canReadEdition(principal, e)) continue;
    const list = byTownship.get(e.townshipId);
    if (list) list.push(e);
    else byTownship.set(e.townshipId, [e]);
  }
  const shown = rows.filter((t) => byTownship.has(t.id));
  // A name the visitor sees in several counties is linked as 县名/乡镇名, so every link names one township.
  const seen = new Map<string, number>();
  for (const t of shown) seen.set(t.name, (seen.get(t.name) ?? 0) + 1);
  return shown.map((t) => {
    const ref = (seen.get(t.name) ?? 0) > 1 ? `${t.county}/${t.name}` : t.name;
    return {
      ...t,
      ref,
      url: browseHref(ref, defaultBrowse()),
      apiUrl: browseHref(ref, defaultBrowse(), "json"),
      editions: (byTownship.get(t.id) ?? [])
        .sort((a, b) => b.date.localeCompare(a.date))
        .map((e) => ({ ...e, url: browseHref(ref, { ...defaultBrowse(), edition: e.date }) })),
    };
  });
}

function HomePage(props: { townships: TownshipEntry[]; viewer: Viewer }) {
  return (
    <Layout title="乡镇履职事项清单" jsonHref="/api/v1/townships" viewer={props.viewer}>
      <h1>乡镇履职事项清单</h1>
      {props.townships.length > 0 ? (
        <p class="summary">
          共 {props.townships.length} 个乡镇（街道） ·{" "}
          <a href="/townships.csv" download>
            下载 CSV
          </a>
        </p>
      ) : null}
      {props.townships.length === 0 ? (
        <p class="empty">还没有导入任何清单。请使用 lvzhi import 导入乡镇履职事项清单文件。</p>
      ) : (
        <table class="grid cards-narrow">
          <thead>
            <tr>
              <th scope="col">乡镇（街道）</th>
              <th scope="col">所属县</th>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              {LIST_KINDS.map((l) => (
                <th scope="col">{LIST_LABELS[l]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.townships.flatMap((t) =>
              t.editions.map((e, i) => (
                <tr>
                  <td data-label="乡镇（街道）">{i === 0 ? <a href={t.url}>{t.name}</a> : null}</td>
                  <td data-label="所属县">{i === 0 ? `${t.region}${t.county}` : null}</td>
                  <td data-label="版本">
                    <a href={e.url}>{e.date}</a>
                  </td>
                  <td data-label="状态">{STATUS_LABELS[e.status]}</td>
                  {LIST_KINDS.map((l) => (
                    <td class="num" data-label={LIST_LABELS[l]}>
                      <a href={browseHref(t.ref, { ...defaultBrowse(l), edition: e.date })}>{e.counts[l]}</a>
                    </td>
                  ))}
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export const homeRoutes: RouteModule = (app, web) => {
  app.get("/", async (c) => page(c, <HomePage townships={await townships(web, c)} viewer={viewerOf(c)} />));
  app.get("/townships.csv", async (c) => {
    const rows = (await townships(web, c)).flatMap((t) =>
      t.editions.map((e) => [
        t.name,
        `${t.region}${t.county}`,
        e.date,
        STATUS_LABELS[e.status],
        ...LIST_KINDS.map((l) => String(e.counts[l])),
      ]),
    );
    const header = ["乡镇（街道）", "所属县", "版本", "状态", ...LIST_KINDS.map((l) => LIST_LABELS[l])];
    return csvResponse("乡镇履职事项清单版本.csv", toCsv(header, rows));
  });
  const json = async (c: Context) => ({ townships: await townships(web, c) });
  app.get("/api/v1/townships", async (c) => c.json(await json(c)));
  app.get("/api/v1", async (c) =>
    c.json({
      ...(await json(c)),
      endpoints: {
        townships: "/api/v1/townships",
        township: "/api/v1/t/{township}?list=&category=&department=&local=&q=&edition=",
        item: "/api/v1/t/{township}/{list}/{number}",
        departments: "/api/v1/departments",
        department: "/api/v1/departments/{name}",
      },
    }),
  );
};
