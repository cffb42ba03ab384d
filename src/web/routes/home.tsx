/** @jsxImportSource hono/jsx */
/**
 * Home: the townships and their editions (GET /, JSON twin GET /api/v1/townships, CSV /townships.csv).
 * Up to PAGE_SIZE townships are listed on one page as they always were; beyond that the home page lists
 * the counties with their counts, and `?county=` / `?page=` show one county or one page (../township-list.ts).
 */
import type { Context } from "hono";
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import type { RouteModule } from "../app.ts";
import { principalOf } from "../auth/context.ts";
import { csvResponse, toCsv } from "../csv.ts";
import { parseQuery } from "../input.ts";
import { page } from "../respond.tsx";
import { listHref, listQuery, type TownshipList, townshipList } from "../township-list.ts";
import { browseHref, defaultBrowse } from "../urls.ts";
import { type Viewer, viewerOf } from "../viewer.ts";
import { STATUS_LABELS } from "../views/labels.ts";
import { Layout } from "../views/layout.tsx";

function TownshipTable(props: { list: TownshipList }) {
  return (
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
        {props.list.townships.flatMap((t) =>
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
  );
}

function CountyIndex(props: { list: TownshipList }) {
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">地区</th>
          <th scope="col">县</th>
          <th scope="col">乡镇（街道）数</th>
        </tr>
      </thead>
      <tbody>
        {props.list.counties.map((c) => (
          <tr>
            <td>{c.region}</td>
            <td>
              <a href={c.url}>{c.county}</a>
            </td>
            <td class="num">{c.townships}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pager(props: { list: TownshipList }) {
  const { county, page, pages } = props.list;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 ? <a href={listHref("/", county, page - 1)}>上一页</a> : null} 第 {page} / {pages} 页{" "}
      {page < pages ? <a href={listHref("/", county, page + 1)}>下一页</a> : null}
    </nav>
  );
}

function HomePage(props: { list: TownshipList; index: boolean; viewer: Viewer }) {
  const { list } = props;
  const csv = list.county ? `/townships.csv?county=${encodeURIComponent(list.county)}` : "/townships.csv";
  return (
    <Layout
      title={list.county ? `${list.county}乡镇履职事项清单` : "乡镇履职事项清单"}
      jsonHref={listHref("/api/v1/townships", list.county, list.page)}
      viewer={props.viewer}
    >
      <h1>{list.county ? `${list.county}乡镇履职事项清单` : "乡镇履职事项清单"}</h1>
      {list.total > 0 ? (
        <p class="summary">
          {list.county ? (
            <>
              本县 {list.matched} 个乡镇（街道），全部共 {list.total} 个 · <a href="/">按县浏览</a> ·{" "}
            </>
          ) : (
            <>
              共 {list.total} 个乡镇（街道）
              {list.counties.length > 1 ? `，${list.counties.length} 个县` : ""} ·{" "}
            </>
          )}
          <a href={csv} download>
            下载 CSV
          </a>
        </p>
      ) : null}
      {list.total === 0 ? (
        <p class="empty">还没有导入任何清单。请使用 lvzhi import 导入乡镇履职事项清单文件。</p>
      ) : props.index ? (
        <>
          <p>
            乡镇较多，请先选择县，或<a href="/?page=1">逐页浏览全部乡镇</a>。
          </p>
          <CountyIndex list={list} />
        </>
      ) : (
        <>
          <TownshipTable list={list} />
          <Pager list={list} />
        </>
      )}
    </Layout>
  );
}

export const homeRoutes: RouteModule = (app, web) => {
  const listOf = (c: Context, all = false) =>
    townshipList(web.store, principalOf(c), parseQuery(c, listQuery), all);

  app.get("/", async (c) => {
    const query = parseQuery(c, listQuery);
    const list = await townshipList(web.store, principalOf(c), query);
    // Many townships and no county or page asked for: the counties first, each with its count.
    const index = list.county === null && query.page === undefined && list.pages > 1;
    return page(c, <HomePage list={list} index={index} viewer={viewerOf(c)} />);
  });
  app.get("/townships.csv", async (c) => {
    const rows = (await listOf(c, true)).townships.flatMap((t) =>
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
  const json = async (c: Context) => {
    const list = await listOf(c);
    const base = "/api/v1/townships";
    return {
      ...list,
      prev: list.page > 1 ? listHref(base, list.county, list.page - 1) : null,
      next: list.page < list.pages ? listHref(base, list.county, list.page + 1) : null,
    };
  };
  app.get("/api/v1/townships", async (c) => c.json(await json(c)));
  app.get("/api/v1", async (c) =>
    c.json({
      ...(await json(c)),
      endpoints: {
        townships: "/api/v1/townships?county=&page=",
        township: "/api/v1/t/{township}?list=&category=&department=&local=&q=&edition=",
        item: "/api/v1/t/{township}/{list}/{number}",
        departments: "/api/v1/departments",
        department: "/api/v1/departments/{name}",
      },
    }),
  );
};
