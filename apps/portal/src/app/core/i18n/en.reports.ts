import { ConsumptionReportGroup, LedgerMismatchKind } from '@stockbridge/shared';

/* English: finance views — the consumption report, the journal audit and ledger verification additions. Spread into `en`. */

const groups: Record<`reports.group.${ConsumptionReportGroup}`, string> = {
  'reports.group.supplier': 'Supplier',
  'reports.group.item': 'Item',
  'reports.group.month': 'Month',
};

const mismatchKinds: Record<`verifyKind.${LedgerMismatchKind}`, string> = {
  'verifyKind.BALANCE_MISMATCH': 'Balance ≠ sum of postings',
  'verifyKind.VERSION_MISMATCH': 'Account version ≠ number of postings',
  'verifyKind.RUNNING_BALANCE_MISMATCH': 'Running balance ≠ balance',
  'verifyKind.NEGATIVE_BALANCE': 'Negative balance',
  'verifyKind.UNBALANCED_JOURNAL': 'Journal does not sum to zero',
  'verifyKind.TRANSFER_MISMATCH': 'Consumed ≠ title transferred',
};

export const enReports = {
  ...groups,
  ...mismatchKinds,

  'nav.consumptionReport': 'Consumption report',

  'reports.title': 'Consumption report',
  'reports.subtitle':
    'Title transfers per supplier, item and month at their frozen prices: consumptions count positive, reversals negative. Amounts stay per currency.',
  'reports.groupBy': 'Group by',
  'reports.itemCode': 'Item code',
  'reports.from': 'From',
  'reports.to': 'To',
  'reports.buyer': 'Buyer',
  'reports.supplier': 'Supplier',
  'reports.item': 'Item',
  'reports.month': 'Month',
  'reports.currency': 'Currency',
  'reports.qty': 'Net quantity',
  'reports.consumed': 'Consumed',
  'reports.reversed': 'Reversed',
  'reports.amount': 'Amount',
  'reports.transfers': 'Transfers',
  'reports.reversals': 'Reversals',
  'reports.totals': 'Totals of the whole selection',
  'reports.noTotals': 'No title transfers in this selection.',
  'reports.exportXlsx': 'Excel (.xlsx)',
  'reports.exportCsv': 'CSV (.csv)',
  'reports.periodOrder': '“To” must not be before “From”.',

  'journals.postedBy': 'Posted by',
  'journals.auditFiltered': 'Journal audit: {supplier}, {from} – {to}',
  'verify.limited': 'At most 100 mismatches of each kind are listed.',
} as const;
