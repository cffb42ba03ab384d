/** `lvzhi backup --out FILE`: a consistent snapshot while the server runs (SQLite online backup, or pg_dump). */

import { BackupError, backupDatabase } from "../../store/backup.ts";
import { databaseTarget } from "../../store/index.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions } from "../options.ts";

export const backupCommand: Command = {
  name: "backup",
  summary: "备份数据库（服务运行时也可进行）",
  usage:
    "lvzhi backup --out FILE [--db PATH | --database-url URL]\n" +
    "  SQLite 用在线备份接口，PostgreSQL 用 pg_dump（自定义格式）；FILE 不得已存在",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, { ...DB_OPTIONS, out: { type: "string" } });
    if (positionals.length > 0) throw new UsageError(`多余的参数：${positionals.join(" ")}`);
    if (!values.out) throw new UsageError("需要 --out FILE");
    const target = databaseTarget({ path: values.db, databaseUrl: values["database-url"] });
    const started = performance.now();
    try {
      const bytes = await backupDatabase(target, values.out);
      io.out(
        `已备份 ${target.label} 到 ${values.out}（${(bytes / 1024).toFixed(0)} KB，${(performance.now() - started).toFixed(0)} ms）\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof BackupError) {
        io.err(`lvzhi backup: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
