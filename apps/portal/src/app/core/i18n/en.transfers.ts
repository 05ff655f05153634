/* English: inter-site transfers (调拨). Spread into `en`. */
export const enTransfers = {
  'nav.transfers': 'Inter-site transfers',

  'transfers.title': 'Inter-site transfers',
  'transfers.subtitle':
    'Move consignment stock between your VMI sites. The owner stays the same; the oldest layers move first and keep their lot and receipt date, so aging stays true.',
  'transfers.hint':
    'One balanced TRANSFER journal: the source site gives up its oldest layers, the destination receives them with their lot, expiry and receipt date. Reversible once from the journal explorer.',
  'transfers.from': 'From VMI site',
  'transfers.to': 'To VMI site',
  'transfers.ownStock': 'Stock we own already (aging clause)',
  'transfers.ownerHint': 'Empty: the oldest layers of any owner.',
  'transfers.submit': 'Transfer',
  'transfers.done': 'Stock transferred.',
  'transfers.movedTitle': 'Layers moved',
  'transfers.receivedAt': 'Received',
  'transfers.expiryDate': 'Expiry',
  'transfers.openJournals': 'Open the TRANSFER journals',
  'transfers.listTitle': 'Recent transfers',
  'transfers.moves': 'Layers moved',
  'transfers.createdAt': 'Posted',
  'transfers.route': 'From → to',
  'transfers.reversed': 'Reversed',
};
