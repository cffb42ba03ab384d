/** Crafted drafts for the store tests: small, but with every field kind the domain has. */
import type { EditionDraft, Item } from "../../src/domain/edition.ts";

const stated = {
  basic: { items: 2, categories: 2, departments: null, categoryNames: ["党的建设", "乡村振兴"] },
  cooperative: { items: 2, categories: 2, departments: 3, categoryNames: ["党的建设", "应急管理及消防"] },
  reclaimed: { items: 2, categories: 1, departments: 2, categoryNames: ["自然资源"] },
};

/** One item of each shape: local basic, cooperative with headings and a generic group, reclaimed with none/two takers. */
export function craftedItems(): Item[] {
  return [
    {
      list: "basic",
      number: 1,
      category: "党的建设",
      name: "加强基层党组织建设",
      local: false,
      remark: null,
    },
    { list: "basic", number: 2, category: "乡村振兴", name: "举办石榴节", local: true, remark: "个性" },
    {
      list: "cooperative",
      number: 1,
      category: "党的建设",
      name: "乡镇领导班子考核",
      local: false,
      remark: null,
      leadDepartments: ["县委组织部", "县人力资源和社会保障局"],
      otherLeads: [],
      departmentDuties: [
        {
          department: "县委组织部",
          heading: "一、乡镇（街道）领导班子和领导干部年度考核",
          steps: ["制定方案", "组织考核"],
        },
        { department: "县委组织部", heading: "二、绩效考核", steps: ["汇总结果"] },
        { department: "县人力资源和社会保障局", heading: null, steps: ["审核备案"] },
      ],
      townshipDuties: [
        { department: null, heading: "一、年度考核", steps: ["报送材料", "配合测评"] },
        { department: null, heading: "二、绩效考核", steps: ["报送自评"] },
      ],
    },
    {
      list: "cooperative",
      number: 2,
      category: "应急管理及消防",
      name: "安全生产监督检查",
      local: true,
      remark: "个性",
      leadDepartments: ["县住房和城乡建设局"],
      otherLeads: ["其他负有安全监管职责的部门"],
      departmentDuties: [{ department: null, heading: null, steps: ["开展检查", "督促整改"] }],
      townshipDuties: [{ department: null, heading: null, steps: ["发现并报告隐患"] }],
    },
    {
      list: "reclaimed",
      number: 1,
      category: "自然资源",
      name: "地质灾害危险性评估",
      local: false,
      remark: null,
      takeover: { departments: [], none: true, workMethod: ["由具备资质的机构开展"], workStandard: [] },
    },
    {
      list: "reclaimed",
      number: 2,
      category: "自然资源",
      name: "河道采砂管理",
      local: false,
      remark: null,
      takeover: {
        departments: ["县水利局", "县自然资源局"],
        none: false,
        workMethod: ["县水利局负责许可", "县自然资源局负责执法"],
        workStandard: ["按季度巡查"],
      },
    },
  ];
}

/** A whole crafted edition of a township; override fields to make variants. */
export function craftedDraft(overrides: Partial<EditionDraft> = {}): EditionDraft {
  return {
    township: "测试乡",
    county: "策勒县",
    region: "新疆维吾尔自治区和田地区",
    date: "2025-07",
    title: "测试乡履职事项清单",
    preface: ["一、基本情况", "测试乡位于县城北面。"],
    stated,
    items: craftedItems(),
    ...overrides,
  };
}
