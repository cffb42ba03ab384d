/**
 * Every action the audit log records, with the sentence the log shows for it (准入申请已批准). The codes are
 * what is stored (and hashed): they never change; the sentences may. appendAudit takes an AuditAction, so
 * writing a code that has no sentence here does not compile; test/workflow/audit-actions.test.ts also
 * finds every code written in src/ and checks it is here.
 */
export const AUDIT_ACTIONS = {
  "auth.login": "登录成功",
  "auth.login_failed": "登录失败",
  "auth.login_throttled": "登录尝试过多，已暂停",
  "auth.totp_ok": "动态口令验证通过",
  "auth.logout": "已退出登录",
  "user.add": "已添加用户",
  "user.password_change": "用户已修改密码",
  "user.password_reset": "密码已由管理员重置",
  "user.disable": "用户已停用",
  "user.enable": "用户已启用",
  "user.sessions_end": "用户的会话已结束",
  "user.totp_enroll": "动态口令已绑定",
  "user.totp_change": "动态口令已更换",
  "user.totp_reset": "动态口令已由管理员清除",
  "edition.import": "清单已导入",
  "edition.reimport": "清单已重新导入",
  "edition.draft": "已建立清单草稿",
  "edition.adjust": "调整已写入清单草稿",
  "edition.submit": "清单已提交审核",
  "edition.publish": "清单已发布",
  "edition.supersede": "清单已被新版本替代",
  "edition.effective_date": "清单生效日期已修改",
  "review.open": "审核轮次已开始",
  "review.close": "审核轮次已结束",
  "review.comment": "审核意见已提交",
  "review.answer": "审核意见已答复",
  "admission.file": "准入申请已提交",
  "admission.approve": "准入申请已批准",
  "admission.reject": "准入申请不予准入",
  "admission.override": "准入申请经特批准入",
  "admission.convert": "准入申请已转动态调整",
  "admission.uphold": "部门异议不成立，维持清单内结论",
  "admission.dispute": "部门对清单内结论提出异议",
  "proposal.file": "调整建议已提交",
  "proposal.accept": "调整建议已采纳",
  "proposal.reject": "调整建议未采纳",
  "precedent.admission": "准入决定已记为先例",
  "precedent.confirmation": "核验结果已确认为先例",
  "precedent.correction": "核验结果已纠正为先例",
  "precedent.import": "先例已导入",
  "precedent.review": "搁置的先例已重新认定",
  "precedent.delete": "先例已删除",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The sentence for a stored code; a code from elsewhere (an older release) shows as itself. */
export function actionLabel(code: string): string {
  return Object.hasOwn(AUDIT_ACTIONS, code) ? AUDIT_ACTIONS[code as AuditAction] : code;
}

/** Groups of actions, for the log's filter (in this order). */
export const ACTION_GROUPS: Record<string, string> = {
  auth: "登录",
  user: "用户",
  edition: "清单",
  review: "审核",
  admission: "职责准入",
  proposal: "动态调整",
  precedent: "先例",
};
