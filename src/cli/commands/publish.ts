/** `lvzhi publish TOWNSHIP DATE`: publishes an imported (or reviewed) draft after the pre-publish checks. */

import { REFUSAL_EXIT } from "../../domain/refusal.ts";
import { openStore } from "../../store/index.ts";
import { workflowDb } from "../../store/workflow-schema.ts";
import { cliActor } from "../../workflow/actor.ts";
import { PublishBlocked, publishEdition } from "../../workflow/editions.ts";
import { WorkflowError } from "../../workflow/errors.ts";
import { townshipByName } from "../../workflow/places.ts";
import { type Command, UsageError } from "../command.ts";
import { DB_OPTIONS, parseOptions, storeLocation } from "../options.ts";

export const publishCommand: Command = {
  name: "publish",
  summary: "发布一个乡镇的草稿清单（先做发布前检查；原已发布版本转为已替代）",
  usage:
    "lvzhi publish TOWNSHIP DATE [--effective YYYY-MM-DD] [--json] [--db PATH]\n  例：lvzhi publish 策勒乡 2025-07\n  --effective  生效日期（成为该版的日期）",
  async run(argv, io) {
    const { values, positionals } = parseOptions(argv, {
      ...DB_OPTIONS,
      json: { type: "boolean" },
      effective: { type: "string" },
    });
    const [name, date, ...extra] = positionals;
    if (!name || !date || extra.length > 0) throw new UsageError("需要乡镇名和版本日期");
    const store = await openStore(storeLocation(values));
    const db = workflowDb(store.db);
    try {
      const township = await townshipByName(db, name);
      const result = await publishEdition(db, store, null, township, date, {
        fromDraft: true,
        actor: cliActor(),
        effectiveDate: values.effective,
      });
      if (values.json) io.out(`${JSON.stringify(result)}\n`);
      else
        io.out(
          `已发布 ${township.name} ${result.date} 版${result.superseded.length ? `；原已发布版本转为已替代` : ""}。\n`,
        );
      return 0;
    } catch (error) {
      if (error instanceof PublishBlocked) {
        io.err(`${name} ${date}：发布前检查发现 ${error.problems.length} 处问题，未发布：\n`);
        for (const p of error.problems) io.err(`  ${p.key}  ${p.name}：${p.message}\n`);
        return REFUSAL_EXIT[error.code];
      }
      if (error instanceof WorkflowError) {
        io.err(`lvzhi publish: ${error.message}\n`);
        return REFUSAL_EXIT[error.code];
      }
      throw error;
    } finally {
      await store.close();
    }
  },
};
