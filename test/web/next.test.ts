/** Where sign-in sends the user afterwards (issue 9 row 5: `next=%2F%09%2Fevil.example` was an open redirect). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { safeNext } from "../../src/web/auth/next.ts";

test("a path on this site is kept, query and fragment included", () => {
  assert.equal(safeNext("/admission"), "/admission");
  assert.equal(safeNext("/t/x?list=basic#item-3"), "/t/x?list=basic#item-3");
  assert.equal(safeNext("/a/../b"), "/b");
});

test("no next at all means the user's home page (null)", () => {
  assert.equal(safeNext(undefined), null);
  assert.equal(safeNext(""), null);
});

test("anything that could leave the site becomes /", () => {
  for (const hostile of [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\nLocation: x",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    " /x",
    "/\u3000/evil.example",
    "/\u00a0/evil.example",
    "/\u200b/evil.example",
    "/../..//evil.example",
    `/${"a".repeat(3000)}`,
  ]) {
    assert.equal(safeNext(hostile), "/", JSON.stringify(hostile));
  }
});
