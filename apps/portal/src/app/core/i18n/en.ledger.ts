import { JournalType } from '@stockbridge/shared';

/* English: stock, postings (consumption, returns, counts) and the ledger. Spread into `en`. */

const journalTypes: Record<`journalType.${JournalType}`, string> = {
  'journalType.SHIPMENT': 'Shipment',
  'journalType.RECEIPT': 'Receipt',
  'journalType.SHORT_CLOSE': 'Short close',
  'journalType.CONSUMPTION': 'Consumption',
  'journalType.RETURN': 'Return',
  'journalType.ADJUSTMENT': 'Count adjustment',
  'journalType.REVERSAL': 'Reversal',
  'journalType.TRANSFER': 'Inter-site transfer',
  'journalType.TITLE_TRANSFER': 'Title transfer (aging clause)',
};

export const enLedger = {
  ...journalTypes,

  'nav.section.inventory': 'Stock & ledger',
  'nav.stock': 'Consignment stock',
  'nav.postings': 'Stock movements',
  'nav.journals': 'Ledger journals',
  'nav.verify': 'Ledger verification',

  'stock.title': 'Consignment stock',
  'stock.subtitleBuyer':
    'On hand and in transit per site, item and owner. Open a row to see its receipt layers.',
  'stock.subtitleSupplier':
    'Your goods at your buyers’ sites, still yours until consumed.',
  'stock.location': 'Location',
  'stock.owner': 'Owner',
  'stock.itemFilter': 'Item code',
  'stock.onHand': 'On hand',
  'stock.layers': 'Receipt layers',
  'stock.layersTitle': 'Receipt layers of {item} at {location} (oldest first)',
  'stock.receivedAt': 'Received',
  'stock.remaining': 'Remaining',
  'stock.age': 'Age',

  'postings.title': 'Stock movements',
  'postings.subtitle':
    'Consumption, returns to suppliers and count adjustments at your VMI sites.',
  'postings.consumption': 'Consumption',
  'postings.return': 'Return to supplier',
  'postings.adjustment': 'Count adjustment',
  'postings.consumptionHint':
    'A withdrawal to production: the oldest receipt layers go first and title passes to you at the price in force now.',
  'postings.returnHint':
    'Consignment stock sent back to its supplier (oldest layers first).',
  'postings.adjustmentHint':
    'Enter what was counted; the difference to the book quantity is posted.',
  'postings.onHandHere': 'On hand here:',
  'postings.plusInTransit': '+{qty} in transit',
  'postings.noStockHere': 'No stock of this item here.',
  'postings.qty': 'Quantity',
  'postings.countedQty': 'Counted quantity',
  'postings.anyOwner': 'Any owner (oldest first)',
  'postings.supplierHint': 'Or one supplier’s stock only',
  'postings.reason': 'Reason',
  'postings.reference': 'Reference',
  'postings.referenceHint': 'Work order, delivery note…',
  'postings.effectiveDate': 'Business date',
  'postings.effectiveDateHint': 'Empty = today',
  'postings.submitConsumption': 'Post consumption',
  'postings.submitReturn': 'Post return',
  'postings.submitAdjustment': 'Post count',
  'postings.consumed': 'Consumption posted.',
  'postings.returned': 'Return posted.',
  'postings.adjusted': 'Count posted.',
  'postings.transfersTitle': 'Title transfers',
  'postings.journal': 'Journal {id}',
  'postings.amount': 'Amount',
  'postings.total': 'Total',
  'postings.returnDone': 'Return posted',
  'postings.adjustmentDone': 'Count posted',
  'postings.difference': 'Difference',
  'postings.bookQty': 'book quantity was {qty}',
  'postings.countMatched': 'The count matched the book: nothing was posted.',

  'journals.title': 'Ledger journals',
  'journals.subtitle':
    'Every stock movement as postings, newest first. Mistakes are corrected by a reversal, never edited.',
  'journals.type': 'Type',
  'journals.from': 'From',
  'journals.to': 'To',
  'journals.postings': 'Postings',
  'journals.postedAt': 'Posted',
  'journals.state': 'State',
  'journals.reversedChip': 'Reversed',
  'journals.reversalOf': 'Reverses a journal',
  'journals.balanceAfter': 'Balance after',
  'journals.reverse': 'Reverse',
  'journals.reverseTitle': 'Reverse {type} of {date}',
  'journals.reverseMessage':
    'A mirror-image journal will be posted (and a consumption’s title transfers negated). A journal can be reversed only once.',
  'journals.reverseReason': 'Reason for the reversal',
  'journals.reversed': 'Reversing journal posted.',

  'verify.title': 'Ledger verification',
  'verify.subtitle':
    'Recomputes every balance from the postings and checks that each journal sums to zero.',
  'verify.intro': 'Run the verification to check the ledger now.',
  'verify.run': 'Verify now',
  'verify.again': 'Verify again',
  'verify.running': 'Verifying…',
  'verify.balanced': 'Balanced',
  'verify.unbalanced': 'Mismatches found',
  'verify.journals': 'Journals checked',
  'verify.accounts': 'Accounts checked',
  'verify.postings': 'Postings checked',
  'verify.mismatches': 'Mismatches',
  'verify.kind': 'Kind',
  'verify.where': 'Where',
  'verify.stored': 'Stored',
  'verify.computed': 'Computed',
  'verify.detail': 'Detail',
  'verify.allGood': 'Every balance equals the sum of its postings.',
} as const;
