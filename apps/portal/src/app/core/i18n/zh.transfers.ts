import type { enTransfers } from './en.transfers';

/* 简体中文：库位间调拨。 */
export const zhTransfers: Record<keyof typeof enTransfers, string> = {
  'nav.transfers': '库位调拨',

  'transfers.title': '库位调拨',
  'transfers.subtitle': '在您的VMI库位之间调拨寄售库存。所有权不变；最早的批次层先调出，并保留批次号和收货日期，库龄保持真实。',
  'transfers.hint': '生成一张平衡的调拨（TRANSFER）凭证：调出库位减少最早的批次层，调入库位以相同的批次号、有效期和收货日期接收。可在凭证浏览中冲销一次。',
  'transfers.from': '调出VMI库位',
  'transfers.to': '调入VMI库位',
  'transfers.ownStock': '我方已拥有的库存（寄售期满）',
  'transfers.ownerHint': '留空：任意所有者的最早批次层。',
  'transfers.submit': '调拨',
  'transfers.done': '库存已调拨。',
  'transfers.movedTitle': '已调拨的批次层',
  'transfers.receivedAt': '收货日期',
  'transfers.expiryDate': '有效期',
  'transfers.openJournals': '查看调拨凭证',
  'transfers.listTitle': '最近的调拨',
  'transfers.moves': '已调拨的批次层',
  'transfers.createdAt': '过账时间',
  'transfers.route': '调出 → 调入',
  'transfers.reversed': '已冲销',
};
