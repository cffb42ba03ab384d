/** The admission rules without a database: the decision rule and the department statistics are pure. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { admissionDecision, departmentStats, overallVerdict } from "../../src/workflow/admission.ts";
import { WorkflowError } from "../../src/workflow/errors.ts";

const now = new Date("2026-01-01T00:00:00.000Z");

function refusal(f: () => unknown): number {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof WorkflowError, `expected a refusal, got ${String(e)}`);
    return e.status;
  }
  assert.fail("expected a refusal");
}

test("approving a pending request sets it approved until the asked duration has passed", () => {
  const d = admissionDecision({ status: "pending", durationDays: 30 }, { action: "approve" }, now);
  assert.deepEqual(d, { status: "approved", reason: "", expiresAt: "2026-01-31T00:00:00.000Z" });
});

test("a rejection needs a reason and sets no expiry", () => {
  assert.equal(
    refusal(() =>
      admissionDecision({ status: "pending", durationDays: 30 }, { action: "reject", reason: "  " }, now),
    ),
    400,
  );
  const d = admissionDecision(
    { status: "pending", durationDays: 30 },
    { action: "reject", reason: " 无依据 " },
    now,
  );
  assert.deepEqual(d, { status: "rejected", reason: "无依据", expiresAt: null });
});

test("a reclaimed (refused) township is never admitted: approving it is refused, there is no override", () => {
  for (const decision of [{ action: "approve" as const }, { action: "reject" as const, reason: "x" }]) {
    assert.equal(
      refusal(() => admissionDecision({ status: "refused", durationDays: 5 }, decision, now)),
      409,
    );
  }
});

test("a disputed 清单内 answer goes to the admin: approved, rejected, or upheld (back to 清单内)", () => {
  const disputed = { status: "disputed" as const, durationDays: 10 };
  assert.equal(admissionDecision(disputed, { action: "approve" }, now).status, "approved");
  assert.deepEqual(admissionDecision(disputed, { action: "uphold", reason: " 属基本事项 " }, now), {
    status: "answered",
    reason: "属基本事项",
    expiresAt: null,
  });
  // Only a disputed answer can be upheld; an answer nobody disputes is not in the queue at all.
  assert.equal(
    refusal(() => admissionDecision({ status: "pending", durationDays: 5 }, { action: "uphold" }, now)),
    409,
  );
  assert.equal(
    refusal(() => admissionDecision({ status: "answered", durationDays: 5 }, { action: "approve" }, now)),
    409,
  );
});

test("a decided request cannot be decided again, and a duration outside 1–366 days is refused", () => {
  assert.equal(
    refusal(() => admissionDecision({ status: "approved", durationDays: 5 }, { action: "approve" }, now)),
    409,
  );
  assert.equal(
    refusal(() =>
      admissionDecision({ status: "pending", durationDays: 5 }, { action: "approve", days: 400 }, now),
    ),
    400,
  );
});

test("the strongest verdict decides, and statistics give shares busiest department first", () => {
  assert.equal(overallVerdict(["basic", "unlisted", "cooperative"]), "unlisted");
  assert.equal(overallVerdict(["unlisted", "reclaimed"]), "reclaimed");
  const stats = departmentStats([
    { department: "县应急管理局", requests: 2, refused: 1, reclaimed: 1, approved: 0 },
    { department: "县人社局", requests: 4, refused: 1, reclaimed: 0, approved: 2 },
  ]);
  assert.deepEqual(
    stats.map((s) => [s.department, s.refusedShare, s.reclaimedShare]),
    [
      ["县人社局", 0.25, 0],
      ["县应急管理局", 0.5, 0.5],
    ],
  );
});
