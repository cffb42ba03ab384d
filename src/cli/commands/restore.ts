/** `lvzhi restore FILE`: brings a backup back into an empty database, then applies newer migrations. */

import { BackupError, restoreDatabase } from "../../store/backup.ts";
import { databaseTarget, openStore } from "../../store/index.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions } from "../options.ts";

export const restoreCommand: Command = {
  name: "restore",
  summary: "从备份恢复到空数据库",
  usage: "lvzhi restore FILE [--db PATH | --database-url URL]\n  目标数据库须为空（不存在，或各表均无数据）",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, DB_OPTIONS);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UsageError("需要且只需要一个备份文件");
    const location = { path: values.db, databaseUrl: values["database-url"] };
    const target = databaseTarget(location);
    try {
      await restoreDatabase(target, file);
    } catch (error) {
      if (error instanceof BackupError) {
        io.err(`lvzhi restore: ${error.message}\n未做任何改动。\n`);
        return 1;
      }
      throw error;
    }
    // A backup from an older lvzhi gets the newer tables now.
    const store = await openStore(location);
    await store.close();
    io.out(`已从 ${file} 恢复到 ${target.label}\n`);
    return 0;
  },
};
