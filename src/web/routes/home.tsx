/** Home: the townships and their editions (GET /, JSON twin GET /api/v1/townships). */
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { EditionRow, TownshipRow } from "../../store/types.ts";
import type { RouteModule } from "../app.ts";
import type { WebContext } from "../context.ts";
import { page } from "../respond.tsx";
import { browseHref, defaultBrowse } from "../urls.ts";
import { STATUS_LABELS } from "../views/labels.ts";
import { Layout } from "../views/layout.tsx";

interface TownshipEntry extends TownshipRow {
  url: string;
  apiUrl: string;
  editions: (EditionRow & { url: string })[];
}

/** Townships with their editions, newest first. */
async function townships(web: WebContext): Promise<TownshipEntry[]> {
  const [rows, editions] = await Promise.all([web.store.listTownships(), web.store.listEditions()]);
  return rows.map((t) => ({
    ...t,
    url: browseHref(t.name, defaultBrowse()),
    apiUrl: browseHref(t.name, defaultBrowse(), "json"),
    editions: editions
      .filter((e) => e.townshipId === t.id)
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((e) => ({ ...e, url: browseHref(t.name, { ...defaultBrowse(), edition: e.date }) })),
  }));
}

function HomePage(props: { townships: TownshipEntry[] }) {
  return (
    <Layout title="乡镇履职事项清单" jsonHref="/api/v1/townships">
      <h1>乡镇履职事项清单</h1>
      {props.townships.length === 0 ? (
        <p class="empty">还没有导入任何清单。请使用 lvzhi import 导入乡镇履职事项清单文件。</p>
      ) : (
        <table class="grid">
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
                  <td>{i === 0 ? <a href={t.url}>{t.name}</a> : null}</td>
                  <td>{i === 0 ? `${t.region}${t.county}` : null}</td>
                  <td>
                    <a href={e.url}>{e.date}</a>
                  </td>
                  <td>{STATUS_LABELS[e.status]}</td>
                  {LIST_KINDS.map((l) => (
                    <td class="num">
                      <a href={browseHref(t.name, { ...defaultBrowse(l), edition: e.date })}>{e.counts[l]}</a>
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
  app.get("/", async (c) => page(c, <HomePage townships={await townships(web)} />));
  const json = async () => ({ townships: await townships(web) });
  app.get("/api/v1/townships", async (c) => c.json(await json()));
  app.get("/api/v1", async (c) =>
    c.json({
      ...(await json()),
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
