/**
 * Adjustment proposals (动态调整): add, change, move or remove an item of one township, or of every
 * township of a county. The admin accepts (the change goes into the township's working draft) or rejects
 * with a reason. A queued admission request can be turned into a proposal.
 */
import type { Item } from "../domain/edition.ts";
import { admissionTownshipIds } from "../store/admissions.ts";
import { SqlDutyStore } from "../store/index.ts";
import { townshipsOfCounty } from "../store/places.ts";
import {
  insertProposal,
  type ProposalRow,
  proposalById,
  proposalList,
  updateProposalDecision,
} from "../store/proposals.ts";
import {
  type ProposalKind,
  type ProposalStatus,
  storeDb,
  type WorkflowDb,
} from "../store/workflow-schema.ts";
import { inTransaction } from "../store/workflow-transaction.ts";
import { requireProposeFor, requireRole } from "./access.ts";
import { markConverted } from "./admission.ts";
import { type Adjustment, applyAdjustment } from "./apply.ts";
import { appendAudit } from "./audit.ts";
import { type FieldChange, itemChanges } from "./diff.ts";
import { ensureDraft, rewriteDraft } from "./editions.ts";
import { conflict, invalid, missing } from "./errors.ts";
import { publishedEdition, type TownshipRef, townshipById, workingEdition } from "./places.ts";
import type { Principal } from "./principal.ts";

export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = {
  add: "新增事项",
  change: "修改事项",
  move: "调整所属清单",
  remove: "取消事项",
};

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  open: "待审核",
  accepted: "已采纳（进入草稿）",
  rejected: "未采纳",
};

export interface ProposalInput extends Adjustment {
  /** One township; or null for every township of `countyId`. */
  township: TownshipRef | null;
  countyId?: number;
  reason: string;
}

export interface ProposalView extends Adjustment {
  id: number;
  townshipId: number | null;
  township: string | null;
  countyId: number;
  author: string;
  reason: string;
  status: ProposalStatus;
  createdAt: string;
  decidedBy: string | null;
  decisionReason: string | null;
  editionDate: string | null;
  /** change/move/remove of one township: the item as it stood when the proposal was filed. */
  before?: Item;
  /** change/move: each changed field (steps side by side) from `before` to the proposed item. */
  changes: FieldChange[];
}

/** Checks the content of a proposed item: the fields its list needs. */
function checkItem(item: Item | undefined, kind: ProposalKind): void {
  if (kind === "remove") return;
  if (!item) throw invalid("请填写事项内容");
  if (!item.name?.trim()) throw invalid("请填写事项名称");
  if (!item.category?.trim()) throw invalid("请填写事项类别");
  if (item.name.length > 500) throw invalid("事项名称最多 500 字");
}

/** Files a proposal. Townships may propose for themselves only; the target must exist now. */
export async function fileProposal(
  db: WorkflowDb,
  store: SqlDutyStore,
  principal: Principal | null,
  input: ProposalInput,
): Promise<ProposalView> {
  const who = requireProposeFor(principal, input.township?.id ?? null);
  if (!input.township && who.role !== "admin") throw invalid("只有县委编办可以对全县乡镇统一提出调整");
  const reason = input.reason.trim();
  if (!reason) throw invalid("请写明调整理由");
  checkItem(input.item, input.kind);
  const countyId = input.township?.countyId ?? input.countyId;
  if (countyId === undefined) throw invalid("须指定乡镇或县");
  let before: Item | undefined;
  if (input.kind !== "add") {
    if (!input.target) throw invalid("须指明要调整的事项（清单和序号）");
    if (input.township) {
      const base =
        (await workingEdition(db, store, input.township.id)) ??
        (await publishedEdition(db, store, input.township.id));
      const found = base?.draft.items.find(
        (i) => i.list === input.target!.list && i.number === input.target!.number,
      );
      if (!found) throw invalid(`没有这个事项：${input.target.list} 第 ${input.target.number} 项`);
      input.target = { list: found.list, number: found.number, name: found.name };
      before = found;
    }
  }
  const id = await inTransaction(db, async (trx) => {
    const id = await insertProposal(trx, {
      township_id: input.township?.id ?? null,
      county_id: countyId,
      author_id: who.id,
      kind: input.kind,
      target_list: input.target?.list ?? null,
      target_number: input.target?.number ?? null,
      item: JSON.stringify({
        target: input.target ?? null,
        item: input.item ?? null,
        before: before ?? null,
      }),
      reason,
      status: "open",
      created_at: new Date().toISOString(),
    });
    await appendAudit(trx, {
      actor: who.name,
      action: "proposal.file",
      subject: `proposal:${id}`,
      after: {
        kind: input.kind,
        township: input.township?.name ?? null,
        target: input.target ?? null,
        item: input.item ?? null,
        reason,
      },
    });
    return id;
  });
  return (await getProposal(db, id))!;
}

function toView(r: ProposalRow): ProposalView {
  const body = JSON.parse(r.item ?? "{}") as {
    target?: Adjustment["target"] | null;
    item?: Item | null;
    before?: Item | null;
  };
  const changes = body.before && body.item && r.kind !== "remove" ? itemChanges(body.before, body.item) : [];
  return {
    id: r.id,
    kind: r.kind,
    target: body.target ?? undefined,
    item: body.item ?? undefined,
    townshipId: r.township_id,
    township: r.township,
    countyId: r.county_id,
    author: r.author,
    reason: r.reason,
    status: r.status,
    createdAt: r.created_at,
    decidedBy: r.decider,
    decisionReason: r.decision_reason,
    editionDate: r.edition_date,
    before: body.before ?? undefined,
    changes,
  };
}

export async function getProposal(db: WorkflowDb, id: number): Promise<ProposalView | undefined> {
  const row = await proposalById(db, id);
  return row ? toView(row) : undefined;
}

/** Proposals a principal may see: admins all; townships their own township's; departments their own. */
export async function listProposals(
  db: WorkflowDb,
  principal: Principal | null,
  filter: { status?: ProposalStatus; townshipId?: number } = {},
): Promise<ProposalView[]> {
  const who = requireRole(principal, "admin", "township", "department");
  const rows = await proposalList(db, {
    ownTownshipId: who.role === "township" ? who.townshipId : undefined,
    authorId: who.role === "department" ? who.id : undefined,
    status: filter.status,
    townshipId: filter.townshipId,
  });
  return rows.map(toView);
}

/**
 * The admin accepts a proposal: it is applied to the working draft of its township (or of each township
 * of its county), made from the published edition when there is none. Or rejects it with a reason.
 */
export async function decideProposal(
  db: WorkflowDb,
  principal: Principal | null,
  id: number,
  decision: { accept: boolean; reason?: string },
): Promise<ProposalView> {
  const admin = requireRole(principal, "admin");
  return inTransaction(db, async (trx) => {
    const p = await getProposal(trx, id);
    if (!p) throw missing(`没有第 ${id} 号调整建议`);
    if (p.status !== "open") throw conflict("该建议已处理过");
    const reason = decision.reason?.trim() ?? "";
    let editionDate: string | null = null;
    if (decision.accept) {
      const townships = p.townshipId
        ? [await townshipById(trx, p.townshipId)]
        : await townshipsOfCounty(trx, p.countyId);
      for (const township of townships) {
        const draft = await ensureDraft(trx, township, admin.name);
        const next = applyAdjustment(draft.draft, p);
        await rewriteDraft(trx, draft, next);
        editionDate = draft.date;
        await appendAudit(trx, {
          actor: admin.name,
          action: "edition.adjust",
          subject: `edition:${township.name}/${draft.date}`,
          after: { proposal: id, kind: p.kind, target: p.target ?? null, item: p.item ?? null },
        });
      }
    } else if (!reason) {
      throw invalid("不采纳须写明理由");
    }
    const status: ProposalStatus = decision.accept ? "accepted" : "rejected";
    await updateProposalDecision(trx, id, {
      status,
      decided_by: admin.id,
      decided_at: new Date().toISOString(),
      decision_reason: reason || null,
      edition_date: editionDate,
    });
    await appendAudit(trx, {
      actor: admin.name,
      action: decision.accept ? "proposal.accept" : "proposal.reject",
      subject: `proposal:${id}`,
      before: { status: "open" },
      after: { status, reason: reason || null, editionDate },
    });
    return (await getProposal(trx, id))!;
  });
}

/** Turns a queued admission request into a proposal to add the task as an item of each of its townships. */
export async function convertAdmission(
  db: WorkflowDb,
  _store: SqlDutyStore,
  principal: Principal | null,
  admissionId: number,
  item: Item,
): Promise<ProposalView[]> {
  const admin = requireRole(principal, "admin");
  const links = await admissionTownshipIds(db, admissionId);
  if (links.length === 0) throw missing(`没有第 ${admissionId} 号准入申请`);
  return inTransaction(db, async (trx) => {
    const views: ProposalView[] = [];
    for (const link of links) {
      const township = await townshipById(trx, link);
      views.push(
        await fileProposal(trx, new SqlDutyStore(storeDb(trx)), admin, {
          kind: "add",
          item,
          township,
          reason: `由第 ${admissionId} 号职责准入申请转入`,
        }),
      );
    }
    await markConverted(trx, admin, admissionId, views[0]!.id);
    return views;
  });
}
