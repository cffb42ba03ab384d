/** Run before `npm test` (pretest): says which backends the store suites run on, and how to add PostgreSQL. */
import { PG_SKIPPED, PG_TEST_URL } from "./stores.ts";

const redacted = PG_TEST_URL?.replace(/(\/\/[^:/@]*):[^@/]*@/, "$1:***@");
process.stdout.write(
  PG_TEST_URL
    ? `存储测试在 SQLite 和 PostgreSQL（${redacted}）上各运行一遍。\n`
    : `存储测试只在 SQLite 上运行。${PG_SKIPPED}\n`,
);
