/** The set-up of the check-decision tests: one township's published lists, a user of it and a department's. */
import { openStore, type SqlDutyStore } from "../../src/store/index.ts";
import { createApp } from "../../src/web/app.ts";
import { importEdition } from "../../src/workflow/imports.ts";
import { bundledDraft } from "../workflow/helpers.ts";
import { usersWithPassword } from "./sign-in.ts";

/**
 * A fresh in-memory store with the bundled 策勒乡 lists published, the township's user `cele` and a user
 * `bumen` of `department` (both with PASSWORD), and the app over it.
 */
export async function townshipApp(
  department: string,
): Promise<{ store: SqlDutyStore; app: ReturnType<typeof createApp> }> {
  const store = await openStore({ path: ":memory:" });
  await importEdition(store, await bundledDraft(), "test", { status: "published" });
  await usersWithPassword(store, [
    { name: "cele", role: "township", township: "策勒乡" },
    { name: "bumen", role: "department", department },
  ]);
  return { store, app: createApp({ store }) };
}
