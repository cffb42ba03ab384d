import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildIndex, checkTask } from "../../src/match/index.ts";
import { createThesaurus, domainThesaurus, parseThesaurus } from "../../src/match/thesaurus.ts";
import { SAMPLE } from "./fixture.ts";

describe("domain thesaurus", () => {
  it("parses groups, drops comments and one-character members", () => {
    assert.deepEqual(parseThesaurus("# acts\n处罚 罚款 罚 # fines\n\n单独\n"), [["处罚", "罚款"]]);
  });

  it("finds each concept once, at its longest member", () => {
    const t = createThesaurus([
      ["婚姻状况证明", "未婚证明", "婚姻状况"],
      ["出具", "开具"],
    ]);
    const hits = t.conceptsIn("请给村民开具未婚证明，写明婚姻状况");
    assert.deepEqual(
      hits.map((h) => h.member),
      ["开具", "未婚证明"],
    );
    assert.equal(hits[1]!.start, 6);
  });

  it("counts the distinct places that name a concept, not members inside a longer one", () => {
    const t = createThesaurus([
      ["四老", "老党员", "老战士", "老模范"],
      ["党员", "共产党员"],
    ]);
    const hits = t.conceptsIn("核实老党员、老战士、老模范名单和共产党员名单");
    assert.equal(hits.find((h) => h.member === "老党员")?.count, 3);
    // 党员 inside 老党员 and 共产党员: two places.
    assert.equal(hits.find((h) => h.member === "共产党员")?.count, 2);
  });

  it("the bundled thesaurus has hundreds of groups and no one-character member", () => {
    const groups = domainThesaurus().groups;
    assert.ok(groups.size >= 300, `${groups.size} groups`);
    for (const members of groups.values()) for (const m of members) assert.ok(m.length >= 2, m);
  });

  it("a paraphrase reaches the item through the concept, and the evidence says which words met", () => {
    const index = buildIndex(SAMPLE);
    // 普法 ↔ 宪法宣传: the task never says 普法 or 法治.
    const r = checkTask(index, "12月4日前后组织志愿者进村开展宪法宣传");
    assert.equal(r.item?.number, 3);
    assert.ok(
      r.evidence.some((e) => e.task === "宪法宣传" && /普法|法治宣传/.test(e.item) && e.field === "name"),
    );
  });
});
