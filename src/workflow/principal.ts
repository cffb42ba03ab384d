/** Who is asking: a signed-in user with a role and scope, or nobody (anonymous, published lists only). */
import type { Role } from "../store/workflow-schema.ts";

export interface Principal {
  id: number;
  name: string;
  role: Role;
  /** township role: the township it edits. */
  townshipId: number | null;
  township: string | null;
  county: string | null;
  /** department role: canonical department name. */
  department: string | null;
}

/** Chinese role names, as pages show them. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: "县委编办（管理员）",
  township: "乡镇（街道）",
  department: "县直部门",
};

/** How the audit log names a principal. */
export function actorName(p: Principal | null): string {
  return p ? p.name : "anonymous";
}
