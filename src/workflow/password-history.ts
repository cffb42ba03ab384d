/** Password reuse: a new password may not be any of the user's last PASSWORD_HISTORY ones (current included). */
import { previousPasswordHashes } from "../store/signin.ts";
import { signinDb, type WorkflowDb } from "../store/workflow-schema.ts";
import { verifyPassword } from "./password-hash.ts";

export const PASSWORD_HISTORY = 5;

/** Whether `password` is the current one or one of the PASSWORD_HISTORY - 1 before it. */
export async function reusedPassword(
  db: WorkflowDb,
  user: { id: number; password_hash: string },
  password: string,
): Promise<boolean> {
  const hashes = [
    user.password_hash,
    ...(await previousPasswordHashes(signinDb(db), user.id, PASSWORD_HISTORY - 1)),
  ];
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}
