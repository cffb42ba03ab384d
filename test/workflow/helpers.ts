/** Shared helpers for the workflow tests: a fresh store and the workflow view of it. */
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { type WorkflowDb, workflowDb } from "../../src/workflow/schema.ts";

export interface Fixture {
  store: SqlDutyStore;
  db: WorkflowDb;
}

/** A fresh in-memory store. */
export async function memoryFixture(): Promise<Fixture> {
  const store = await openStore({ path: ":memory:" });
  return { store, db: workflowDb(store.db) };
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
