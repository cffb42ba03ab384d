/** Entry of the `lvzhi` command: dispatches to the subcommands in ./commands. */
import { REFUSAL_EXIT, Refusal } from "../domain/refusal.ts";
import { type Command, type CommandIO, UsageError } from "./command.ts";
import { auditCommand } from "./commands/audit.ts";
import { backupCommand } from "./commands/backup.ts";
import { benchCommand } from "./commands/bench.ts";
import { checkCommand } from "./commands/check.ts";
import { exportCommand } from "./commands/export.ts";
import { importCommand } from "./commands/import.ts";
import { lintCommand } from "./commands/lint.ts";
import { precedentCommand } from "./commands/precedent.ts";
import { publishCommand } from "./commands/publish.ts";
import { restoreCommand } from "./commands/restore.ts";
import { serveCommand } from "./commands/serve.ts";
import { userCommand } from "./commands/user.ts";

const commands: Command[] = [
  importCommand,
  lintCommand,
  serveCommand,
  exportCommand,
  checkCommand,
  benchCommand,
  auditCommand,
  userCommand,
  publishCommand,
  backupCommand,
  restoreCommand,
  precedentCommand,
];

/** Runs one command line; exported for tests so they need not spawn a process. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const which = commands.find((c) => c.name === rest[0]);
    if (which) io.out(`${which.summary}\n\n${which.usage}\n`);
    else
      io.out(
        `lvzhi — 乡镇履职事项清单\n\n${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}\n`,
      );
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`lvzhi: unknown command "${name}". Run "lvzhi help".\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lvzhi ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    io.err(`lvzhi ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    // Refusals exit with their code's number; anything else is an unexpected failure (1).
    return error instanceof Refusal ? REFUSAL_EXIT[error.code] : 1;
  }
}

/**
 * `lvzhi … | head`: once the reader has gone, writes fail with EPIPE. That is the reader's choice, not an
 * error: stop quietly (the work that was asked for is done or not wanted) instead of dying with a stack.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    throw error;
  });
}

const isMain = process.argv[1] && /(?:main\.ts|lvzhi(?:\.js)?)$/.test(process.argv[1]);
if (isMain) {
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  const io: CommandIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
