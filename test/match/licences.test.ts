/**
 * A licence the task asks to have issued is judged by its kind (licences.ts, listed.ts licenceKind): the
 * kind's words are found, an item that does not explain them is no answer, and one that does stands.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledEdition } from "../../src/cli/commands/check-edition.ts";
import { buildIndex, checkTask, choose, rank } from "../../src/match/index.ts";
import { SAMPLE } from "./fixture.ts";

const kindsOf = (ranking: ReturnType<typeof rank>) =>
  ranking.licences.map((l) => l.kind.map((u) => u.word).join("|"));

test("the kind of each licence asked for: the words before the head, or the word holding it", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  assert.deepEqual(kindsOf(rank(index, "请乡里审核并核发取水许可证。")), ["取水"]);
  assert.deepEqual(kindsOf(rank(index, "请乡政府统一组织体检并发放健康证。")), ["健康证"]);
  assert.deepEqual(kindsOf(rank(index, "请对新开的农资店审核发放农药经营许可证")), ["农药|经营"]);
  // A short clause: the kind's characters do not swallow 许可 of 许可证 (the kind was the act word 许可证).
  assert.deepEqual(kindsOf(rank(index, "请核发取水许可证")), ["取水"]);
  assert.deepEqual(kindsOf(rank(index, "一、办理特种行业许可证")), ["特种行业"]);
  // A verb of holding is no kind (是否取得); 证 after a verb is the act (到期换证), not a licence.
  assert.deepEqual(kindsOf(rank(index, "请乡镇排查小餐饮店是否取得食品经营许可证，审核后上报")), [
    "食品|经营",
  ]);
  assert.deepEqual(kindsOf(rank(index, "请乡镇办理残疾人证到期换证")), ["残疾人"]);
  // Verifying a licence held is the licensing body's work too; the kind is read the same way.
  assert.deepEqual(kindsOf(rank(index, "请对辖区个体诊所的执业许可证逐一核查")), ["执业"]);
  // Mentioned, not asked for: no issuing verb.
  assert.deepEqual(kindsOf(rank(index, "检查发现一家宾馆的卫生许可证有效期被涂改，请依法罚款。")), []);
  // 发证 is the act itself, not a kind; 证据 is no licence.
  assert.deepEqual(kindsOf(rank(index, "请乡里审核材料后办理收养手续并发证，留存证据。")), []);
});

test("an item that does not name the licence's kind is not the answer; one that does stands", async () => {
  const index = buildIndex((await bundledEdition()).draft);
  const police = "镇上新开的两家旅馆要办特种行业许可证，请乡里审核发放。";
  const ranking = rank(index, police);
  const lead = choose(ranking)!;
  assert.match(lead.item.name, /许可证/, "the nearest item shares the word 许可证");
  assert.equal(lead.missesLicenceKind, true);
  const answer = checkTask(index, police);
  assert.equal(answer.verdict, "unlisted");
  assert.match(answer.reason, /最接近的事项不涉及任务要求办理的特种行业许可证/);

  const water = checkTask(index, "请核发取水许可证");
  assert.equal(water.verdict, "unlisted");
  assert.match(water.reason, /不涉及任务要求办理的取水许可证/);

  const marriage = "请乡民政办给张某开具一份婚姻状况证明。";
  const own = choose(rank(index, marriage))!;
  assert.equal(own.missesLicenceKind, false);
  const reclaimed = checkTask(index, marriage);
  assert.equal(reclaimed.verdict, "reclaimed");
  assert.match(reclaimed.item!.name, /婚姻状况证明/);
});

test("the reason names only the licences whose kind the nearest item misses", () => {
  // 烟花爆竹安全监管 names 烟花爆竹经营许可; it does not name 取水.
  const answer = checkTask(buildIndex(SAMPLE), "请乡里核发烟花爆竹经营许可证和取水许可证");
  assert.equal(answer.verdict, "unlisted");
  assert.match(answer.reason, /不涉及任务要求办理的取水许可证：/);
});
