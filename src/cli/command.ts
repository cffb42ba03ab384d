/** The shape of one `lvzhi` subcommand. Each lives in src/cli/commands/<name>.ts and is listed in main.ts. */

import { Refusal } from "../domain/refusal.ts";

export interface CommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Command {
  name: string;
  /** One line for `lvzhi help`. */
  summary: string;
  /** Usage lines for `lvzhi help <name>`. */
  usage: string;
  /** Returns the process exit code. Bad input is reported through io.err with a non-zero code, never thrown. */
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** A usage error (an invalid-input refusal): the message is printed with the command's usage, exit code 2. */
export class UsageError extends Refusal {
  override name = "UsageError";
  constructor(message: string) {
    super("invalid", message);
  }
}
