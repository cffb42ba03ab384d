/** @jsxImportSource hono/jsx */
/** The page frame: head, site header and footer. No inline script or style (the CSP forbids them). */
import type { Child } from "hono/jsx";
import { assetHref } from "../assets.ts";
import { loginHref, type Viewer } from "../viewer.ts";

export interface Crumb {
  href: string;
  label: string;
}

export interface LayoutProps {
  title: string;
  /** Path trail shown under the header, home first. */
  crumbs?: Crumb[];
  /** The page's JSON twin, advertised as rel=alternate. */
  jsonHref?: string;
  /** Script assets (by file name) loaded with defer. */
  scripts?: string[];
  /**
   * Who is looking (the header's user slot): from viewerOf(c), per request. Personal: a page rendered
   * with a signed-in viewer must not be cached for anyone else.
   */
  viewer: Viewer;
  children?: Child;
}

/** The site header's links; a new top-level page adds one line here. */
export const NAV_LINKS: Crumb[] = [
  { href: "/", label: "乡镇" },
  { href: "/check", label: "任务核验" },
  { href: "/departments", label: "部门" },
  { href: "/c", label: "各县对比" },
  { href: "/login", label: "工作台" },
];

/** The header's user slot: who is signed in and 退出 (a POST form with the CSRF token), or 登录. */
function ViewerSlot({ viewer }: { viewer: Viewer }) {
  const user = viewer.user;
  if (!user) {
    return (
      <p class="viewer">
        <a href={loginHref(viewer.here)}>登录</a>
      </p>
    );
  }
  return (
    <form class="viewer" method="post" action="/logout">
      <span class="who">
        <strong>{user.name}</strong> <span class="role">{user.label}</span>
      </span>{" "}
      <input type="hidden" name="_csrf" value={user.csrf} />
      <button type="submit">退出</button>
    </form>
  );
}

/** Wraps a page body in the site frame. */
export function Layout(props: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="X-UA-Compatible" content="IE=edge" />
        <meta name="renderer" content="webkit" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - 履职`}</title>
        <link rel="stylesheet" href={assetHref("style.css")} />
        {props.jsonHref ? <link rel="alternate" type="application/json" href={props.jsonHref} /> : null}
        {(props.scripts ?? []).map((s) => (
          <script src={assetHref(s)} defer></script>
        ))}
      </head>
      <body>
        <header class="site">
          <a class="brand" href="/">
            履职 · 乡镇履职事项清单
          </a>
          {/* Floated right first, so it sits at the far right (above the links on a phone). */}
          <ViewerSlot viewer={props.viewer} />
          <nav>
            {NAV_LINKS.map((l) => (
              <a href={l.href}>{l.label}</a>
            ))}
          </nav>
        </header>
        {props.crumbs && props.crumbs.length > 0 ? (
          <nav class="crumbs" aria-label="位置">
            <a href="/">首页</a>
            {props.crumbs.map((c) => (
              <>
                {" › "}
                <a href={c.href}>{c.label}</a>
              </>
            ))}
          </nav>
        ) : null}
        <main>{props.children}</main>
        <footer class="site">
          {props.jsonHref ? (
            <a href={props.jsonHref} rel="alternate">
              本页数据（JSON）
            </a>
          ) : null}
        </footer>
      </body>
    </html>
  );
}
