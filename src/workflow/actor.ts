/** Who did it, as the audit log names them. */
import { userInfo } from "node:os";

/** The actor of a command-line action: "cli:<operating-system user>". */
export function cliActor(): string {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return `cli:${name}`;
}
