import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import * as OpenCC from "opencc-js/t2cn";
import {
  canonicalizeDepartments,
  departmentsIn,
  maskNoise,
  normalizeText,
  simplified,
} from "../../src/match/normalize.ts";
import { prepareTask } from "../../src/match/prepare.ts";
import { splitsDictionaryWord } from "../../src/match/segment.ts";

test("normalizeText folds full width, traditional characters, HTML and whitespace", () => {
  assert.equal(normalizeText("請各鄉鎮做好ＡＢＣ１２３工作"), "请各乡镇做好ABC123工作");
  assert.equal(normalizeText("<p>县委组织部：</p>&nbsp; 1.做好"), "县委组织部: 1.做好");
  assert.equal(normalizeText("  a \n\t b  "), "a b");
});

test("normalizeText closes up text copied out of a PDF with a space after every character, and only that", () => {
  assert.equal(normalizeText("请 各 村 做 好 秸 秆 禁 烧 宣 传 。"), "请各村做好秸秆禁烧宣传 。");
  assert.equal(normalizeText("请　各　村　做　好　宣　传"), "请各村做好宣传");
  // Spaces between phrases are the writer's: most characters are together.
  assert.equal(
    normalizeText("县林业和草原局 县应急管理局 2026年3月2日"),
    "县林业和草原局 县应急管理局 2026年3月2日",
  );
  assert.equal(normalizeText("工作事项 完成时限 责任单位"), "工作事项 完成时限 责任单位");
  assert.equal(normalizeText("甲 乙"), "甲 乙");
  // A wider gap in such a copy is the writer's: it stays one space.
  assert.equal(
    normalizeText("请 各 村 做 好 防 汛  防 火 工 作 县 林 业 和 草 原 局   县 应 急 管 理 局"),
    "请各村做好防汛 防火工作县林业和草原局 县应急管理局",
  );
  assert.equal(normalizeText("请 各 村 做 好\n宣 传 工 作"), "请各村做好宣传工作");
  assert.equal(normalizeText("请  各  村  做  好  宣  传"), "请各村做好宣传");
});

test("simplified() answers what the converter answers, skipping only texts no entry can change", () => {
  const converter = OpenCC.Converter({ from: "t", to: "cn" });
  const lists = readFileSync(
    new URL("../../data/cele-township-duty-lists-2025-07.txt", import.meta.url),
    "utf8",
  );
  const texts = [
    ...lists.split("\n"),
    "鄉鎮履職事項清單：對未依法取得公共場所衛生許可證擅自營業的處罰",
    "一目瞭然", // a phrase entry whose only traditional character is inside it
    "乾隆年間的乾乾淨淨", // entries that keep 乾 in one phrase and change it in another
    "請於週一前報送", // one traditional character among simplified ones
    "\uF900", // a compatibility ideograph (the normalisation chain)
  ];
  for (const text of texts) assert.equal(simplified(text), converter(text), text);
  // The lists write 排査 with a variant character once: it is still converted.
  assert.ok(simplified(lists).includes("排查"));
  assert.notEqual(simplified("一目瞭然"), "一目瞭然");
});

test("normalizeText closes up short insertions inside a term", () => {
  assert.equal(normalizeText("全面落实河（湖）长制"), "全面落实河湖长制");
  assert.equal(normalizeText("乡镇（街道）配合职责"), "乡镇街道配合职责");
  // A long parenthesis is an aside, not part of a term.
  assert.equal(normalizeText("职级（职员等级）晋升"), "职级(职员等级)晋升");
});

test("department aliases become canonical names, longest name first", () => {
  assert.equal(canonicalizeDepartments("报县住建局审核"), "报县住房和城乡建设局审核");
  assert.equal(canonicalizeDepartments("人社局牵头"), "县人力资源和社会保障局牵头");
  assert.equal(canonicalizeDepartments("县委组织部"), "县委组织部");
  assert.equal(canonicalizeDepartments("策勒县应急局", "策勒县"), "县应急管理局");
  assert.deepEqual(departmentsIn("医保局和卫健委联合"), ["县医疗保障局", "县卫生健康委员会"]);
});

test("an abbreviation the alias table lacks folds when it names exactly one department", () => {
  // Characters kept in order from the full name: 文(化体育)广(播电视和)旅(游)局.
  assert.equal(canonicalizeDepartments("请报县文广旅局"), "请报县文化体育广播电视和旅游局");
  assert.equal(canonicalizeDepartments("县卫健局牵头"), "县卫生健康委员会牵头");
  assert.equal(canonicalizeDepartments("县商工局"), "县商务和工业信息化局");
  // Bodies no registered name abbreviates stay as written (the cues treat them as unknown).
  assert.equal(canonicalizeDepartments("县版权局"), "县版权局");
  assert.equal(canonicalizeDepartments("县国资委"), "县国资委");
  assert.equal(canonicalizeDepartments("县招商局"), "县招商局");
  // Full names are not mistaken for abbreviations of themselves, and an alias inside a body that
  // abbreviates nothing still folds, without a doubled county prefix.
  assert.equal(canonicalizeDepartments("县发展和改革委员会"), "县发展和改革委员会");
  assert.equal(canonicalizeDepartments("县地方志办"), "县委党史地方志研究所");
});

test("maskNoise removes dates, quantities and village names but keeps generic words", () => {
  assert.equal(maskNoise("请于2025年5月底前完成排查"), "请于 完成排查");
  assert.equal(maskNoise("新增用户500户"), "新增用户");
  // A span in days, in digits or in words, with or without 以内: all of it is noise.
  assert.equal(maskNoise("请各村十五日内完成排查"), "请各村 完成排查");
  assert.equal(maskNoise("请各村15日内完成排查"), "请各村 完成排查");
  assert.equal(maskNoise("3个工作日以内上报"), "上报");
  assert.equal(maskNoise("二十天以内上报"), "上报");
  assert.equal(maskNoise("在托帕村开展宣传"), "在 开展宣传");
  assert.equal(maskNoise("在农村开展宣传"), "在农村开展宣传");
  assert.equal(maskNoise("组织各村开展"), "组织各村开展");
});

test("a quantity inside a word is part of the word, not noise: 一次性, 三合一场所, 两个确立", () => {
  // Without the dictionary the quantity pattern takes 一次 of 一次性 (evidence showed 性创业补贴).
  assert.equal(maskNoise("做好一次性创业补贴受理", splitsDictionaryWord), "做好一次性创业补贴受理");
  assert.equal(maskNoise("排查三合一场所", splitsDictionaryWord), "排查三合一场所");
  assert.equal(maskNoise("树牢两个确立", splitsDictionaryWord), "树牢两个确立");
  // A quantity that stands as words of its own is still noise.
  assert.equal(maskNoise("每村动员二十名群众参加", splitsDictionaryWord), "每村动员 群众参加");
  assert.equal(maskNoise("开展一次排查", splitsDictionaryWord), "开展 排查");
  assert.equal(maskNoise("新增用户500户", splitsDictionaryWord), "新增用户");
  // A unit that merely starts a word with what follows (头牛, 家种) does not keep the quantity.
  assert.equal(maskNoise("买回20头牛犊", splitsDictionaryWord), "买回 牛犊");
  assert.equal(maskNoise("卖给一家种植企业", splitsDictionaryWord), "卖给 种植企业");
  assert.equal(maskNoise("统一场地", splitsDictionaryWord), "统一场地");
  assert.equal(prepareTask("请做好一次性创业补贴的受理"), "请做好一次性创业补贴的受理");
});

test("prepareTask runs the whole pipeline", () => {
  assert.equal(prepareTask("請於５月２０日前報縣住建局"), "请于 报县住房和城乡建设局");
  assert.equal(prepareTask(""), "");
});

test("a numeral that ends the word before it does not keep the quantity after it: 统一三次, 唯一一家", () => {
  // The quantity pattern starts at the 一 of 统一 or 唯一; that word holds the start, yet 三次 is noise.
  assert.equal(maskNoise("全镇统一三次培训", splitsDictionaryWord), "全镇统一 培训");
  assert.equal(maskNoise("辖区唯一一家加油站", splitsDictionaryWord), "辖区唯一 加油站");
  assert.equal(maskNoise("全镇统一二十名网格员", splitsDictionaryWord), "全镇统一 网格员");
  assert.equal(maskNoise("统一场地", splitsDictionaryWord), "统一场地");
  assert.equal(maskNoise("排查三合一场所", splitsDictionaryWord), "排查三合一场所");
});

test("a spelled-out span of three numerals before a time unit is masked whole: 二十四小时, 三十个工作日", () => {
  // {1,2} numerals took 十四小时 and left the fragment 二 in the text.
  assert.equal(maskNoise("落实二十四小时值班制度"), "落实 值班制度");
  assert.equal(maskNoise("三十个工作日内办结"), "办结");
});

test("工会 inside 复工会议, 施工会, 手工会计 is no department: it is not folded to 县总工会", () => {
  // The evidence of 各村召开复工会议 showed 县总工会 and the top item was 基层工会组织建设.
  assert.equal(canonicalizeDepartments("各村召开复工会议"), "各村召开复工会议");
  assert.equal(canonicalizeDepartments("施工会影响通行"), "施工会影响通行");
  assert.equal(canonicalizeDepartments("开工会议"), "开工会议");
  assert.equal(canonicalizeDepartments("手工会计"), "手工会计");
  assert.equal(canonicalizeDepartments("配合工会开展慰问"), "配合县总工会开展慰问");
});

test("一户一策, 一人一档: the 一A一B phrase is one word, not the quantity 一户 and a fragment 一策", () => {
  // Evidence of 对监测户落实一户一策帮扶措施 showed the fragment 策.
  assert.equal(maskNoise("落实一户一策帮扶措施", splitsDictionaryWord), "落实一户一策帮扶措施");
  assert.equal(maskNoise("建立一人一档", splitsDictionaryWord), "建立一人一档");
  assert.equal(maskNoise("每户一次", splitsDictionaryWord), "每户");
  assert.equal(maskNoise("走访一户一次", splitsDictionaryWord), "走访");
});
