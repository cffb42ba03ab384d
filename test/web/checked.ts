/**
 * A check posted on the 任务核验 page that is saved (a signed-in user's, or an anonymous one with 保存) is
 * answered Post/Redirect/Get: 303 to its result, /t/:township/check/result?check=<id>. `postCheck` posts
 * it, asserts that answer, and follows it as a browser does.
 */
import assert from "node:assert/strict";
import type { Client } from "../workflow/http-client.ts";

/** What a check's result address looks like. */
export const RESULT_ADDRESS = /^\/t\/[^/?#]+\/check\/result\?check=([0-9a-f]{32})$/;

/**
 * Posts a check that is saved (`fields` as the form sends them); asserts the 303 to its result and GETs
 * it. Returns the result page (`status`, `text`), its address (`location`) and the saved check's `id`.
 */
export async function postCheck(client: Client, path: string, fields: Record<string, string>) {
  const posted = await client.post(path, fields);
  assert.equal(posted.status, 303, `a saved check is answered 303: ${posted.text.slice(0, 300)}`);
  const location = posted.location ?? "";
  const id = RESULT_ADDRESS.exec(location)?.[1];
  assert.ok(id, `the 303 leads to the check's result: ${location}`);
  const shown = await client.get(location);
  return { ...shown, location, id };
}
