/**
 * Who may read a saved check (no SQL): its author, the users of the township it concerns and admins; an
 * anonymous visitor's check (saved only on request, under a 128-bit random id) by whoever holds its link.
 */
import { Refusal } from "../domain/refusal.ts";
import { forbidden } from "./errors.ts";
import type { Principal } from "./principal.ts";

export function canReadSavedCheck(
  p: Principal | null,
  check: { authorId: number | null; townshipId: number },
): boolean {
  if (check.authorId === null) return true;
  if (!p) return false;
  if (p.role === "admin" || p.id === check.authorId) return true;
  return p.role === "township" && p.townshipId === check.townshipId;
}

/** Refuses a reader who may not see it: anonymous visitors are asked to sign in, others are refused. */
export function requireReadSavedCheck(
  p: Principal | null,
  check: { authorId: number | null; townshipId: number },
): void {
  if (canReadSavedCheck(p, check)) return;
  if (!p) throw new Refusal("unauthenticated", "请登录后查看该核验单。");
  throw forbidden("无权查看该核验单：只有核验人、本乡镇用户和管理员可以查看。");
}
