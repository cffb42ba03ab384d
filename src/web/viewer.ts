/**
 * Who is looking at a page, for the site header's user slot (name, role, 退出). It is read from the
 * request's session on every request and passed to <Layout viewer>: it is personal, so a page that shows
 * it must never be served to anyone else from a cache (a shared page cache keys by read rights, which two
 * users share). Kept apart from the page's data for exactly that reason.
 */
import type { Context } from "hono";
import { ROLE_LABELS } from "../workflow/principal.ts";
import { sessionOf } from "./auth/context.ts";

export interface SignedInViewer {
  name: string;
  /** Role and scope as the header shows them: 乡镇（街道）·策勒乡. */
  label: string;
  /** The session's CSRF token, for the 退出 form. */
  csrf: string;
  /** True while the session still owes a sign-in step (second factor, enrolment, new password). */
  pending: boolean;
}

export interface Viewer {
  /** The signed-in user; null for an anonymous visitor. */
  user: SignedInViewer | null;
  /** The path (and query) of this request, for 登录 links that come back here. */
  here: string;
}

/** The viewer of this request. Call it per request, never from a cached page. */
export function viewerOf(c: Context): Viewer {
  const url = new URL(c.req.url);
  const here = `${url.pathname}${url.search}`;
  const s = sessionOf(c);
  if (!s) return { user: null, here };
  const p = s.principal;
  const scope = p.township ?? p.department;
  return {
    user: {
      name: p.name,
      label: `${ROLE_LABELS[p.role]}${scope ? `·${scope}` : ""}`,
      csrf: s.csrf,
      pending: s.pending !== null,
    },
    here,
  };
}

/** The sign-in page that comes back to `here` afterwards. */
export function loginHref(here: string): string {
  return here === "/" || here.startsWith("/login") ? "/login" : `/login?next=${encodeURIComponent(here)}`;
}
