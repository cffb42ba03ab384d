/**
 * The lvzhi web app: server-rendered pages (hono/jsx) with a JSON twin under /api/v1 and CSV downloads.
 *
 * Adding pages: write src/web/routes/<name>.tsx exporting a `RouteModule`,
 *
 *   export const checkRoutes: RouteModule = (app, web) => {
 *     app.get("/check", (c) => page(c, <CheckPage />));        // page(): ./respond.tsx
 *     app.post("/api/v1/check", async (c) => c.json(...));
 *   };
 *
 * and add it to `ROUTES` below (one line). `web.store` is the DutyStore; new dependencies go into
 * WebDeps (./context.ts) as optional fields. Parse parameters and bodies with ./input.ts (zod); load an
 * edition with loadEdition() from ./respond.tsx (it decides access). Refuse with a `Refusal`
 * (domain/refusal.ts) or notFound(): ./errors.tsx maps its code to the status and a Chinese error page, or
 * `{"error":{"code","status","message","details"}}` under /api/. Pages: wrap in <Layout>
 * (./views/layout.tsx); never pass data to raw(): JSX escapes every value. Static files go in ./assets and
 * are linked with assetHref().
 */
import { Hono } from "hono";
import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { CountyCache } from "../county/cache.ts";
import { editionAnalyzer } from "./analyzer.ts";
import { mountAssets } from "./assets.ts";
import { globalBodyLimit } from "./body-limit.ts";
import { cacheHeaders, varyByEncoding } from "./cache-headers.ts";
import type { WebContext, WebDeps } from "./context.ts";
import { refuseControlChars } from "./control-chars.ts";
import { EditionCache } from "./edition-cache.ts";
import { renderError } from "./errors.tsx";
import { idempotencyRoutes } from "./idempotency.ts";
import { PageCache } from "./page-cache.ts";
import { adminRoutes } from "./routes/admin.tsx";
import { admissionRoutes } from "./routes/admission.tsx";
import { checkRoutes } from "./routes/check.tsx";
import { checkEntryRoutes } from "./routes/check-entry.tsx";
import { checkSheetRoutes } from "./routes/check-sheet.tsx";
import { countyRoutes } from "./routes/county.tsx";
import { departmentRoutes } from "./routes/departments.tsx";
import { draftRoutes } from "./routes/drafts.tsx";
import { exportRoutes } from "./routes/export.tsx";
import { historyRoutes } from "./routes/history.tsx";
import { homeRoutes } from "./routes/home.tsx";
import { indicatorRoutes } from "./routes/indicators.tsx";
import { itemRoutes } from "./routes/item.tsx";
import { loginRoutes } from "./routes/login.tsx";
import { precedentRoutes } from "./routes/precedents.tsx";
import { proposalRoutes } from "./routes/proposals.tsx";
import { savedCheckRoutes } from "./routes/saved-checks.tsx";
import { townshipRoutes } from "./routes/township.tsx";
import { SearchCache } from "./search-cache.ts";
// Before any page is rendered (see the module).
import "./render-context.ts";

export type { WebContext, WebDeps } from "./context.ts";

/** A route module mounts its routes on the app. */
export type RouteModule = (app: Hono, web: WebContext) => void;

/** Route modules in mounting order. More specific paths before general ones. */
// loginRoutes first: it mounts the auth middleware (sessions, pending sign-in steps, unpublished editions).
// The page cache right after it: it serves anonymous visitors only, so it must know who is asking.
const ROUTES: RouteModule[] = [
  loginRoutes,
  (app, web) => app.use(web.pages.middleware()),
  idempotencyRoutes,
  admissionRoutes,
  proposalRoutes,
  draftRoutes,
  historyRoutes,
  adminRoutes,
  precedentRoutes,
  homeRoutes,
  departmentRoutes,
  countyRoutes,
  exportRoutes,
  // Before itemRoutes: /t/:township/check/sheet and /t/:township/check/decision have the shape of
  // /t/:township/:list/:number.
  checkSheetRoutes,
  checkRoutes,
  indicatorRoutes,
  itemRoutes,
  checkEntryRoutes,
  savedCheckRoutes,
  townshipRoutes,
];

/** Builds the app over a store. Nothing is read until the first request. */
export function createApp(deps: WebDeps): Hono {
  const web: WebContext = {
    ...deps,
    search: new SearchCache(deps.analyzerFor ?? editionAnalyzer, deps.searchCacheSize),
    editions: new EditionCache(deps.store),
    counties: new CountyCache(deps.store),
    pages: deps.pageCache ?? new PageCache(deps.store),
  };
  const app = new Hono();
  // Outermost: keeps the final headers of answers from the page cache, for its fast path (server.ts).
  app.use(web.pages.recorder());
  app.use(cacheHeaders);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
      },
      // Same-origin scripts only; no cross-origin isolation needed for plain pages.
      crossOriginEmbedderPolicy: false,
      // The Referer within the site only: error pages offer 返回上一页 from it (nothing leaves the site).
      referrerPolicy: "same-origin",
    }),
  );
  app.use(compress());
  app.use(varyByEncoding);
  app.use(globalBodyLimit());
  app.use(refuseControlChars);
  mountAssets(app);
  for (const mount of ROUTES) mount(app, web);

  app.notFound((c) => renderError(c, new HTTPException(404, { message: `没有这个页面：${c.req.path}` })));
  app.onError((error, c) => renderError(c, error));
  return app;
}
