/** Shared helpers for the workflow tests: a fresh store and the workflow view of it. */
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { type WorkflowDb, workflowDb } from "../../src/store/workflow-schema.ts";

export interface Fixture {
  store: SqlDutyStore;
  db: WorkflowDb;
}

/** A fresh in-memory store. */
export async function memoryFixture(): Promise<Fixture> {
  const store = await openStore({ path: ":memory:" });
  return { store, db: workflowDb(store.db) };
}

/** How many admission requests a store holds. */
export async function admissionCount(store: SqlDutyStore): Promise<number> {
  const row = await workflowDb(store.db)
    .selectFrom("admissions")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Collects what a CLI command prints. */
export function captureIO() {
  const io = {
    stdout: "",
    stderr: "",
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}

/** The bundled Cele lists, read once per test process. */
let bundled: Promise<import("../../src/domain/edition.ts").EditionDraft> | undefined;
export function bundledDraft() {
  bundled ??= (async () => {
    const { readFile } = await import("node:fs/promises");
    const { readDocument } = await import("../../src/ingest/index.ts");
    const { BUNDLED_LISTS } = await import("../../src/cli/commands/serve.ts");
    return (await readDocument(await readFile(BUNDLED_LISTS), "cele.txt")).draft;
  })();
  return bundled.then((d) => structuredClone(d));
}

/** Tasks whose verdict on the bundled lists is known (checked by the task-check engine). */
export const TASKS = {
  basic: "落实三会一课制度",
  reclaimed: "请各乡镇做好烟花爆竹安全监管工作",
  unlisted: "请各乡镇派人到县城帮县委招待所打扫客房",
};
