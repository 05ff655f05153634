import type { enAging } from './en.aging';

/* 简体中文：供应商页面上的寄售期限条款。 */
export const zhAging: Record<keyof typeof enAging, string> = {
  'aging.column': '寄售期限条款',
  'aging.none': '无',
  'aging.summary': '{max} 天',
  'aging.notice': '提前 {notice} 天预警',
  'aging.summaryTooltip':
    '寄售超过 {max} 天的库存将转为我方所有；提前 {notice} 天发出库龄（AGING）预警。',
  'aging.edit': '寄售期限条款',
  'aging.dialogTitle': '寄售期限条款 · {name}',
  'aging.intro':
    '该供应商的寄售库存超过期限后归我方所有：寄售期限作业按当时有效的价格转移所有权，库存位置不变。条款产生的所有权转移不可冲销。',
  'aging.enabled': '启用寄售期限条款',
  'aging.maxDays': '最长寄售天数',
  'aging.maxDaysHint': '收货后 1–3650 天',
  'aging.noticeDays': '预警提前天数',
  'aging.noticeDaysHint': '0–365：提前这么多天发出库龄（AGING）预警',
  'aging.offNote': '没有条款时，寄售库存在我方消耗之前始终属于供应商。',
  'aging.saved': '{name} 的寄售期限条款：{max} 天。',
  'aging.removed': '已取消 {name} 的寄售期限条款。',
  'aging.run': '立即执行寄售期限条款',
  'aging.running': '执行中…',
  'aging.runTooltip':
    '立即将超过寄售期限的库存所有权转移给我方（该作业也会按计划自动执行）。',
  'aging.resultTitle': '寄售期限条款执行结果',
  'aging.asOf': '库龄计算时点 {at}',
  'aging.layersTransferred': '已转移的批次层',
  'aging.journals': '所有权转移凭证',
  'aging.skippedNoPrice': '未转移：无有效价格',
  'aging.skippedPeriodClosed': '未转移：期间已关闭',
  'aging.nothingDue': '没有到期的库存。',
  'aging.openJournals': '查看所有权转移凭证',
  // 库存页面：我方自有库存（所有权已转移，例如因寄售期限条款）
  'aging.ownStock': '{name}（自有库存）',
  'aging.ownMarker': '（自有库存）',
};
