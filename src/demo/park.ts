// The demo's business park: three buildings of quasi-residential units, the
// people who live and work there, and what they think. Plain data; seed.ts
// puts it in through the app's use cases.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.js";

export const BUILDINGS = ["1号楼", "2号楼", "3号楼"] as const;

/** 16 units a building (four floors of four), 38 to 118 m². */
export function rosterCsv(): string {
  const rows = ["building,unit,area_m2"];
  BUILDINGS.forEach((b, bi) => {
    for (let floor = 1; floor <= 4; floor++) {
      for (let n = 1; n <= 4; n++) {
        const area = 38 + ((bi * 29 + floor * 17 + n * 11) % 81);
        rows.push(`${b},${floor}0${n},${area}${n % 2 ? ".5" : ""}`);
      }
    }
  });
  return rows.join("\n") + "\n";
}

export type Relation = "owner" | "tenant" | "operator";
export type Camp = "A" | "B";

export interface DemoPerson {
  id: number;
  first_name: string;
  last_name?: string;
  lang: "zh" | "en";
  building: string;
  unit: string;
  relation: Relation;
  /** Which opinion group their ratings lean to. */
  camp: Camp;
}

/** The four people shown on the page. */
export const FEATURED = {
  owner: { id: 5001, first_name: "秀英", last_name: "王", lang: "zh", building: "1号楼", unit: "101", relation: "owner", camp: "A" },
  tenant: { id: 5002, first_name: "Emma", last_name: "Clarke", lang: "en", building: "2号楼", unit: "203", relation: "tenant", camp: "B" },
  committee: { id: 5003, first_name: "Daniel", last_name: "Wu", lang: "en", building: "3号楼", unit: "101", relation: "owner", camp: "A" },
  official: { id: 5004, first_name: "丽娜", last_name: "李", lang: "zh" },
} as const satisfies Record<string, Partial<DemoPerson> & { id: number; first_name: string; lang: "zh" | "en" }>;

const ZH_NAMES = ["伟", "芳", "娜", "敏", "静", "磊", "强", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂英", "建华", "海燕", "志强"];
const ZH_FAMILY = ["张", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高"];
const EN_NAMES = ["Olivia", "Liam", "Noah", "Ava", "Mia", "Lucas", "Sofia", "Ethan", "Chloe", "Arjun", "Hana", "Mateo", "Grace", "Omar", "Nina"];
const EN_FAMILY = ["Smith", "Patel", "Nguyen", "Kim", "Garcia", "Müller", "Rossi", "Tanaka", "Brown", "Silva", "Okafor", "Ivanova", "Dubois", "Cohen", "Haddad"];

/** 37 simulated residents in the other units (a few units stay free for the page's "new resident"). */
export function simulatedResidents(): DemoPerson[] {
  const taken = new Set([`${FEATURED.owner.building}/${FEATURED.owner.unit}`, `${FEATURED.tenant.building}/${FEATURED.tenant.unit}`, `${FEATURED.committee.building}/${FEATURED.committee.unit}`]);
  const units: { building: string; unit: string }[] = [];
  for (const building of BUILDINGS) for (let floor = 1; floor <= 4; floor++) for (let n = 1; n <= 4; n++) units.push({ building, unit: `${floor}0${n}` });
  const free = units.filter((u) => !taken.has(`${u.building}/${u.unit}`));
  const people: DemoPerson[] = [];
  for (let i = 0; i < 37; i++) {
    const u = free[(i * 7) % free.length]!;
    const zh = i % 3 !== 2;
    const relation: Relation = i % 5 === 3 ? "operator" : i % 3 === 1 ? "tenant" : "owner";
    people.push({
      id: 6001 + i,
      first_name: zh ? ZH_NAMES[i % ZH_NAMES.length]! : EN_NAMES[i % EN_NAMES.length]!,
      last_name: zh ? ZH_FAMILY[(i * 5) % ZH_FAMILY.length]! : EN_FAMILY[(i * 3) % EN_FAMILY.length]!,
      lang: zh ? "zh" : "en",
      building: u.building,
      unit: u.unit,
      relation,
      camp: i % 2 === 0 ? "A" : "B",
    });
  }
  return people;
}

/** Two newcomers who typed their unit instead of a code: they wait in /pending. */
export const PENDING: DemoPerson[] = [
  { id: 6101, first_name: "晓峰", last_name: "邓", lang: "zh", building: "3号楼", unit: "402", relation: "tenant", camp: "A" },
  { id: 6102, first_name: "Sara", last_name: "Lindqvist", lang: "en", building: "1号楼", unit: "404", relation: "operator", camp: "B" },
];

/**
 * The park's statements: four camp A agrees with and B rejects, four the
 * other way round, three nearly everyone agrees with, one that divides
 * nobody in particular. The first five are the committee's seeds (in the
 * spec), the rest residents wrote with /opinion.
 */
export const STATEMENTS: { zh?: string; en?: string; lean: "A" | "B" | "all" | "mixed" }[] = [
  { zh: "商户营业时间应延长到晚上十点以后。", en: "Shops should be allowed to stay open after 22:00.", lean: "B" },
  { zh: "夜间商户噪音影响了楼上住户的休息。", en: "Night-time noise from shops disturbs residents upstairs.", lean: "A" },
  { zh: "电动车应统一在楼外集中充电。", en: "E-bikes should only be charged at a shared point outside the buildings.", lean: "all" },
  { zh: "类住宅单元也应该有业主委员会。", en: "Quasi-residential units should have an owners' committee too.", lean: "A" },
  { zh: "园区应该允许在一楼开设餐饮店。", en: "Restaurants should be allowed on the ground floors.", lean: "B" },
  { zh: "物业费应按单元面积而不是按户收取。", lean: "A" },
  { en: "Parcel lockers at every entrance would end the piles of boxes in the lobbies.", lean: "all" },
  { zh: "楼道里的消防通道必须每天保持畅通。", en: "Fire escapes in the stairwells must be kept clear every day.", lean: "all" },
  { zh: "商户的货车只能在早上七点前卸货。", en: "Delivery vans for shops should unload only before 7:00.", lean: "A" },
  { en: "Short-term rentals bring life and customers to the park.", lean: "B" },
  { zh: "园区的共享办公室应该对住户免费开放。", en: "The shared office space should be free for residents.", lean: "B" },
  { zh: "每月应该开一次居民和商户的座谈会。", en: "Residents and businesses should meet once a month.", lean: "mixed" },
];
export const SEED_STATEMENTS = 5;

/** The open consultation: the repository's example spec (every poll kind), closing in two weeks, with the park's seeds. */
export function openSpec(now: Date): Record<string, unknown> {
  const spec = JSON.parse(readFileSync(join(PACKAGE_ROOT, "examples", "consultation.json"), "utf8")) as Record<string, unknown>;
  spec.closesAt = new Date(now.getTime() + 14 * 86_400_000).toISOString();
  spec.statements = STATEMENTS.slice(0, SEED_STATEMENTS).map(({ zh, en }) => ({ ...(zh ? { zh } : {}), ...(en ? { en } : {}) }));
  return spec;
}

/** An earlier, smaller consultation, closed and published before the demo starts. */
export function closedSpec(now: Date): Record<string, unknown> {
  return {
    title: { zh: "2号楼入口快递柜", en: "A parcel locker at the entrance of building 2" },
    description: {
      zh: "快递堆在大堂里，既不安全也不整洁。物业提出在2号楼入口安装一组快递柜，费用由快递公司承担。",
      en: "Parcels pile up in the lobbies, which is neither safe nor tidy. Property management proposes a parcel locker at the entrance of building 2, paid for by the couriers.",
    },
    closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
    polls: [
      {
        question: { zh: "是否同意在2号楼入口安装快递柜？", en: "Do you agree to a parcel locker at the entrance of building 2?" },
        kind: "single",
        options: [
          { zh: "同意", en: "Agree" },
          { zh: "不同意", en: "Disagree" },
        ],
        voters: "residents",
        rule: "majority",
      },
    ],
  };
}
