/** A small crafted edition with near misses across the three lists, for decision-layer tests. */
import type { EditionDraft, Item } from "../../src/domain/edition.ts";

const empty = { items: null, categories: null, departments: null, categoryNames: [] };

const items: Item[] = [
  {
    list: "basic",
    number: 1,
    category: "应急管理及消防",
    name: "做好烟花爆竹安全宣传和隐患排查",
    local: false,
    remark: null,
  },
  {
    list: "basic",
    number: 2,
    category: "卫生健康",
    name: "开展爱国卫生运动，做好病媒生物防制",
    local: false,
    remark: null,
  },
  {
    list: "basic",
    number: 3,
    category: "平安法治",
    name: "落实普法责任制，开展法治宣传教育",
    local: false,
    remark: null,
  },
  {
    list: "basic",
    number: 4,
    category: "乡村振兴",
    name: "做好动物防疫宣传，配合开展强制免疫",
    local: false,
    remark: null,
  },
  {
    list: "cooperative",
    number: 1,
    category: "应急管理及消防",
    name: "防汛抗旱工作",
    local: false,
    remark: null,
    leadDepartments: ["县水利局", "县应急管理局"],
    otherLeads: [],
    departmentDuties: [
      { department: null, heading: null, steps: ["编制全县防汛抗旱应急预案", "组织防汛检查"] },
    ],
    townshipDuties: [
      {
        department: null,
        heading: null,
        steps: ["编制乡级防汛预案并组织演练", "做好防汛物资储备", "汛期巡查河道堤防，发现险情及时上报"],
      },
    ],
  },
  {
    list: "reclaimed",
    number: 1,
    category: "应急管理及消防",
    name: "烟花爆竹安全监管",
    local: false,
    remark: null,
    takeover: {
      departments: ["县应急管理局"],
      none: false,
      workMethod: ["由县应急管理局负责烟花爆竹经营许可和安全监管执法"],
      workStandard: [],
    },
  },
  {
    list: "reclaimed",
    number: 2,
    category: "乡村振兴",
    name: "动物及动物产品检疫",
    local: false,
    remark: null,
    takeover: {
      departments: ["县农业农村局"],
      none: false,
      workMethod: ["由县农业农村局动物卫生监督机构实施检疫"],
      workStandard: [],
    },
  },
  {
    list: "reclaimed",
    number: 3,
    category: "交通运输",
    name: "对造成公路路面损坏、污染的处罚",
    local: false,
    remark: null,
    takeover: {
      departments: ["县交通运输局"],
      none: false,
      workMethod: ["由县交通运输局依法查处"],
      workStandard: [],
    },
  },
  {
    list: "basic",
    number: 5,
    category: "交通运输",
    name: "做好农村公路日常养护和路面保洁",
    local: false,
    remark: null,
  },
];

export const SAMPLE: EditionDraft = {
  township: "样例乡",
  county: "样例县",
  region: "",
  date: "2025-07",
  title: "样例乡履职事项清单",
  preface: [],
  stated: { basic: empty, cooperative: empty, reclaimed: empty },
  items,
};
