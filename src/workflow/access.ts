/**
 * Who may do what. Every rule the pages and the API rely on lives here and is enforced on the server;
 * a refusal is a 403 WorkflowError.
 */
import type { EditionReader, EditionStatus } from "../store/types.ts";
import type { Role } from "../store/workflow-schema.ts";
import { forbidden } from "./errors.ts";
import type { Principal } from "./principal.ts";

/** Throws 403 unless the principal has one of the roles (anonymous never does). */
export function requireRole(p: Principal | null, ...roles: Role[]): Principal {
  if (!p) throw forbidden("请先登录。");
  if (!roles.includes(p.role)) throw forbidden();
  return p;
}

/** Published and superseded editions are public; drafts and editions in review are not. */
export function isPublic(status: EditionStatus): boolean {
  return status === "published" || status === "superseded";
}

/**
 * Whether a principal may read an edition: anyone a public one; admins every one; a township its own
 * drafts; departments editions in review (they are asked to comment).
 */
export function canReadEdition(
  p: Principal | null,
  edition: { status: EditionStatus; townshipId: number },
): boolean {
  if (isPublic(edition.status)) return true;
  if (!p) return false;
  if (p.role === "admin") return true;
  if (p.role === "township") return p.townshipId === edition.townshipId;
  return edition.status === "review";
}

/** The refusal for an edition the principal may not read: anonymous visitors are asked to sign in. */
function readRefusal(p: Principal | null) {
  return forbidden(p ? "无权查看该版本清单。" : "该版本清单尚未发布：请登录后查看。");
}

/** Throws 403 unless the principal may read the edition. */
export function requireReadEdition(
  p: Principal | null,
  edition: { status: EditionStatus; townshipId: number },
): void {
  if (!canReadEdition(p, edition)) throw readRefusal(p);
}

/** The principal as a reader of editions, for the store's loaders (store/readable.ts). */
export function editionReader(p: Principal | null): EditionReader {
  return { canRead: (edition) => canReadEdition(p, edition), refusal: () => readRefusal(p) };
}

/** Proposals: admins anywhere, townships for their own township, departments for any township. */
export function requireProposeFor(p: Principal | null, townshipId: number | null): Principal {
  const who = requireRole(p, "admin", "township", "department");
  if (who.role === "township" && who.townshipId !== townshipId) throw forbidden("只能为本乡镇提出调整。");
  return who;
}

/** Comments in a review round: admins, the township concerned, departments. */
export function requireCommentOn(p: Principal | null, townshipId: number): Principal {
  const who = requireRole(p, "admin", "township", "department");
  if (who.role === "township" && who.townshipId !== townshipId) throw forbidden("只能对本乡镇的清单提意见。");
  return who;
}
