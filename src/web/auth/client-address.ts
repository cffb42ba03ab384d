/**
 * The client's address, for throttling and the audit log. Behind reverse proxies (LVZHI_TRUST_PROXY=N,
 * "1" for one), X-Forwarded-For is read from the right: each proxy appends the address it saw, so the
 * N-th entry from the right is the one the outermost trusted proxy saw. Entries further left were chosen
 * by the client and are never used.
 */
import { isIP } from "node:net";
import type { Context } from "hono";
import { nodeRequest } from "../request-body.ts";

/** Trusted proxy hops: LVZHI_TRUST_PROXY unset, "0" or anything else → 0; "1" or "true" → 1; "N" → N. */
export function trustedHops(value = process.env.LVZHI_TRUST_PROXY): number {
  const v = value?.trim().toLowerCase();
  if (v === "true") return 1;
  return v && /^\d{1,2}$/.test(v) ? Number(v) : 0;
}

/** "1.2.3.4", "1.2.3.4:80", "[2001:db8::1]:443", "2001:db8::1" → the bare address; null when not one. */
export function bareAddress(entry: string): string | null {
  let v = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  return isIP(v) ? v : null;
}

/**
 * The address a request came from: the socket's, or with `hops` trusted proxies the X-Forwarded-For entry
 * `hops` from the right (the leftmost when the list is shorter: every entry was then appended by a trusted
 * proxy). A malformed entry counts as none.
 */
export function forwardedAddress(forwarded: string | undefined, socket: string, hops: number): string {
  if (hops <= 0 || !forwarded) return socket;
  const entries = forwarded.split(",");
  const entry = entries[Math.max(0, entries.length - hops)];
  return (entry && bareAddress(entry)) ?? socket;
}

/** The client's address of a request (see forwardedAddress); "unknown" without a socket (tests). */
export function clientAddress(c: Context): string {
  const socket = nodeRequest(c)?.socket?.remoteAddress ?? "unknown";
  return forwardedAddress(c.req.header("x-forwarded-for"), socket, trustedHops());
}
