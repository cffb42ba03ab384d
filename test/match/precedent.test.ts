import assert from "node:assert/strict";
import { test } from "node:test";
import type { Precedent } from "../../src/domain/precedent.ts";
import {
  buildIndex,
  checkTask,
  checkWithPrecedents,
  PRECEDENT_THRESHOLD,
  precedentApplies,
  precedentKey,
} from "../../src/match/index.ts";
import { keySimilarity } from "../../src/match/precedent-text.ts";
import { SAMPLE } from "./fixture.ts";

test("the same task with other dates, counts, village names, salutation and closing has the same key", () => {
  const a = precedentKey("请于2025年6月10日前组织阿克吐格曼村、恰哈村村民5人参加县城招聘会，收到请回复。");
  const b = precedentKey("各乡镇：7月3日前组织喀尔墩村村民12人参加县城招聘会。");
  const c = precedentKey("各乡镇人民政府：下周三组织托格日尕孜村村民三十人参加县城招聘会。特此通知。");
  assert.equal(a, b);
  assert.equal(b, c);
});

test("words ending in 村 that are not a village's name stay", () => {
  assert.match(precedentKey("对辖区农村自建房开展排查，各村建立台账"), /农村.*各村/);
  assert.match(precedentKey("后进村党支部整顿"), /后进村/);
});

test("different tasks stay below the threshold; a light rewording stays above it", () => {
  const base = precedentKey("组织网格员对辖区独居老人逐户走访，登记困难情况");
  assert.ok(
    keySimilarity(base, precedentKey("组织网格员对辖区独居老人逐户走访，登记生活困难情况")) >=
      PRECEDENT_THRESHOLD,
  );
  assert.ok(
    keySimilarity(base, precedentKey("组织网格员对辖区自建房逐户排查，登记安全隐患")) < PRECEDENT_THRESHOLD,
  );
});

test("a precedent answers only while the edition has its item under the same number and name", () => {
  const index = buildIndex(SAMPLE);
  const item = SAMPLE.items[0]!;
  const text = "请各乡镇于6月底前组织阿克村群众开展一项从未见过的工作";
  const precedent: Precedent = {
    id: 1,
    text,
    verdict: item.list,
    item: { list: item.list, number: item.number, name: item.name },
    decidedBy: "王科长",
    decidedAt: "2025-06-12T08:00:00.000Z",
  };
  const applied = checkWithPrecedents(index, "请各乡镇于9月底前组织恰哈村群众开展一项从未见过的工作", [
    precedent,
  ]);
  assert.deepEqual(applied.item, { list: item.list, number: item.number, name: item.name });
  assert.match(applied.reason, /^同类任务已于 2025-06-12 认定为.*（王科长）。$/);

  const renamed = { ...precedent, item: { ...precedent.item!, name: `${item.name}（旧）` } };
  assert.equal(precedentApplies(index, renamed), false);
  assert.deepEqual(checkWithPrecedents(index, text, [renamed]), checkTask(index, text));
});

test("of two decisions on the same wording, the later one is applied", () => {
  const index = buildIndex(SAMPLE);
  const [a, b] = SAMPLE.items;
  const text = "请各乡镇组织群众开展一项从未见过的工作";
  const decided = (id: number, item: typeof a): Precedent => ({
    id,
    text,
    verdict: item!.list,
    item: { list: item!.list, number: item!.number, name: item!.name },
    decidedBy: "admin",
    decidedAt: `2025-06-1${id}T08:00:00.000Z`,
  });
  const result = checkWithPrecedents(index, text, [decided(1, a), decided(2, b)]);
  assert.deepEqual(result.item, { list: b!.list, number: b!.number, name: b!.name });
  assert.equal(result.precedent?.id, 2);
});
