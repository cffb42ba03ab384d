/** @jsxImportSource hono/jsx */
/**
 * Who decided a precedent, where a page says it: one clause after the answer (由 甲 于 … 认定), never a
 * second full-width bracket group after 清单外事项（需职责准入）; the name escaped.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DecidedNote } from "../../src/web/views/check-decision.tsx";
import { decidedByLine } from "../../src/web/views/workflow-ui.tsx";

const HOSTILE = '<img src=x onerror="alert(1)">';

describe("the decider of a precedent on the pages", () => {
  it("is one clause, 由 … 于 … 认定, in Beijing time", () => {
    assert.equal(decidedByLine("guanli", "2026-12-02T02:04:00.000Z"), "由 guanli 于 2026/12/2 10:04 认定");
  });

  it("follows an unlisted answer without stacking brackets, and is escaped", () => {
    const html = String(
      <DecidedNote
        mark={{
          item: "",
          verdict: "unlisted",
          done: "已纠正",
          decidedBy: HOSTILE,
          decidedAt: "2026-12-02T02:04:00.000Z",
          href: "/t/x/check/decision?precedent=1",
        }}
      />,
    );
    const text = html.replace(/<[^>]+>/g, "");
    assert.doesNotMatch(text, /）\s*（/);
    assert.match(text, /清单外事项（需职责准入），由 .+ 于 2026\/12\/2 10:04 认定。/);
    assert.doesNotMatch(html, /<img/);
    assert.ok(html.includes("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"), html);
  });
});
