import { StatementStatus } from '@stockbridge/shared';

/* English: reconciliation statements (finance and the supplier's inbox). Spread into `en`. */

const statementStatuses: Record<`statementStatus.${StatementStatus}`, string> = {
  'statementStatus.DRAFT': 'Draft',
  'statementStatus.ISSUED': 'Issued',
  'statementStatus.CONFIRMED': 'Confirmed',
  'statementStatus.DISPUTED': 'Disputed',
  'statementStatus.SUPERSEDED': 'Superseded',
};

export const enStatements = {
  ...statementStatuses,

  'nav.section.finance': 'Finance',
  'nav.statements': 'Statements',

  'statements.title': 'Reconciliation statements',
  'statements.subtitleBuyer':
    'Per supplier and period: create a draft, review its lines, issue it (which closes the period) and export it.',
  'statements.subtitleSupplier':
    'What your buyers owe you per period. Confirm an issued statement, or dispute the lines you do not accept.',
  'statements.new': 'New statement',
  'statements.number': 'Number',
  'statements.status': 'Status',
  'statements.statusFilter': 'Status filter',
  'statements.supplier': 'Supplier',
  'statements.buyer': 'Buyer',
  'statements.period': 'Period',
  'statements.periodFrom': 'First day',
  'statements.periodTo': 'Last day',
  'statements.overlapFrom': 'Period from',
  'statements.overlapTo': 'Period to',
  'statements.lineCount': 'Lines',
  'statements.total': 'Total',
  'statements.disputedLines': 'Disputed',
  'statements.currency': 'Currency',
  'statements.totals': 'Totals',
  'statements.hash': 'Content SHA-256',
  'statements.issuedAt': 'Issued',
  'statements.respondedAt': 'Answered',
  'statements.supersededBy': 'Superseded by',

  'statements.createTitle': 'New reconciliation statement',
  'statements.createMessage':
    'Snapshots the supplier’s title transfers with a business date in the period, at their frozen prices, with the opening and closing stock. It stays a draft until you issue it.',
  'statements.create': 'Create draft',
  'statements.created': 'Statement {number} created.',
  'statements.periodOrder': 'The last day must not be before the first.',

  'statements.detailTitle': 'Statement {number}',
  'statements.back': 'All statements',
  'statements.export': 'Export',
  'statements.exportXlsx': 'Excel (.xlsx)',
  'statements.exportCsv': 'CSV (.csv)',
  'statements.journalAudit': 'Journals of the period',
  'statements.draftNote':
    'This draft is a preview of what finance is preparing; you can answer once it is issued.',

  'statements.issue': 'Issue',
  'statements.issueTitle': 'Issue statement {number}?',
  'statements.issueMessage':
    'Issuing closes {from} – {to} for {supplier}: afterwards no consumption, return, adjustment, receipt or reversal dated inside this period can be posted for this supplier. Its other drafts overlapping the period become superseded. The statement and its content hash never change again.',
  'statements.issueConfirm': 'Issue and close the period',
  'statements.issued': 'Statement {number} issued; the period is closed.',

  'statements.confirm': 'Confirm',
  'statements.confirmTitle': 'Confirm statement {number}',
  'statements.confirmMessage':
    'You accept every line and the totals of this statement.',
  'statements.confirmComment': 'Comment (optional)',
  'statements.confirmed': 'Statement {number} confirmed.',

  'statements.dispute': 'Dispute {n} line(s)',
  'statements.disputeHint':
    'Tick the lines you do not accept, then dispute them with a comment each.',
  'statements.disputeTitle': 'Dispute lines of {number}',
  'statements.disputeMessage':
    'Say for each line what is wrong. The buyer corrects disputed lines with a posting in the next open period; the correction appears on the next statement.',
  'statements.disputeLineComment': 'What is wrong with line {n}',
  'statements.disputeComment': 'Overall comment (optional)',
  'statements.disputeSubmit': 'Dispute',
  'statements.disputed': 'Statement {number} disputed.',
  'statements.selectLine': 'Select line {n}',

  'statements.linesTitle': 'Lines',
  'statements.allLines': 'All lines',
  'statements.onlyDisputed': 'Disputed only',
  'statements.date': 'Date',
  'statements.type': 'Type',
  'statements.item': 'Item',
  'statements.sku': 'Supplier SKU',
  'statements.location': 'Location',
  'statements.qty': 'Quantity',
  'statements.unitPrice': 'Unit price',
  'statements.amount': 'Amount',
  'statements.reference': 'Reference',
  'statements.lineDispute': 'Dispute',

  'statements.disputesTitle': 'Disputes to resolve',
  'statements.disputesGuidance':
    'This statement never changes and its period stays closed. Settle each disputed line on the ledger in the next open period; the next statement carries the correction.',
  'statements.guideReverse':
    'Wrong quantity, or a consumption that should not have happened: find the journal and reverse it with a date after the period, then post the right consumption if part of it was right.',
  'statements.guidePrice':
    'Wrong price: correct the price list first, then reverse the journal and post the consumption again.',
  'statements.guideCount': 'Opening or closing stock: post a count adjustment.',
  'statements.findJournal': 'Find journal',
  'statements.postConsumption': 'Post consumption',
  'statements.postAdjustment': 'Post count adjustment',
  'statements.priceList': 'Price list',
  'statements.disputedBy': '{who}, {at}',

  'statements.quantitiesTitle': 'Supplier-owned stock at the buyer’s sites',
  'statements.openingQty': 'Opening (before {date})',
  'statements.closingQty': 'Closing (end of {date})',

  'statements.historyTitle': 'Status history',
  'statements.historyChange': 'Change',
  'statements.historyWho': 'Who',
  'statements.historyWhen': 'When',
  'statements.historyComment': 'Comment',
} as const;
