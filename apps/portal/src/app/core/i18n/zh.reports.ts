import type { enReports } from './en.reports';

/* 简体中文：财务视图——消耗报表、凭证审计与台账校验补充。 */
export const zhReports: Record<keyof typeof enReports, string> = {
  'reports.group.supplier': '供应商',
  'reports.group.item': '物料',
  'reports.group.month': '月份',

  'verifyKind.BALANCE_MISMATCH': '余额 ≠ 过账合计',
  'verifyKind.VERSION_MISMATCH': '账户版本 ≠ 过账笔数',
  'verifyKind.RUNNING_BALANCE_MISMATCH': '滚动余额 ≠ 余额',
  'verifyKind.NEGATIVE_BALANCE': '余额为负',
  'verifyKind.UNBALANCED_JOURNAL': '凭证合计不为零',
  'verifyKind.TRANSFER_MISMATCH': '消耗数量 ≠ 所有权转移数量',

  'nav.consumptionReport': '消耗报表',

  'reports.title': '消耗报表',
  'reports.subtitle': '按供应商、物料和月份汇总所有权转移（冻结价格）：消耗计为正，冲销计为负。金额按币种分列。',
  'reports.groupBy': '分组依据',
  'reports.itemCode': '物料编码',
  'reports.from': '自',
  'reports.to': '至',
  'reports.buyer': '采购方',
  'reports.supplier': '供应商',
  'reports.item': '物料',
  'reports.month': '月份',
  'reports.currency': '币种',
  'reports.qty': '净数量',
  'reports.consumed': '消耗',
  'reports.reversed': '冲销',
  'reports.amount': '金额',
  'reports.transfers': '转移笔数',
  'reports.reversals': '冲销笔数',
  'reports.totals': '全部筛选结果合计',
  'reports.noTotals': '此筛选范围内没有所有权转移。',
  'reports.exportXlsx': 'Excel（.xlsx）',
  'reports.exportCsv': 'CSV（.csv）',
  'reports.periodOrder': '“至”不能早于“自”。',

  'journals.postedBy': '过账人',
  'journals.auditFiltered': '凭证审计：{supplier}，{from} 至 {to}',
  'verify.limited': '每种差异最多列出 100 条。',
};
