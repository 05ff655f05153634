import { Severity, WarningKind, WarningStatus } from '@stockbridge/shared';

/* English: the buyer and supplier dashboards (KPIs, heat map, trend, warnings, proposals). */

const severities: Record<`severity.${Severity}`, string> = {
  'severity.YELLOW': 'Yellow',
  'severity.ORANGE': 'Orange',
  'severity.RED': 'Red',
};

const warningKinds: Record<`warningKind.${WarningKind}`, string> = {
  'warningKind.LOW_WATER': 'Low water',
  'warningKind.SUPPLIER_LOW_WATER': 'Supplier stock low',
  'warningKind.OVERSTOCK': 'Overstock',
  'warningKind.AGING': 'Aging stock',
  'warningKind.SLOW_MOVING': 'Slow moving',
  'warningKind.EXPIRY': 'Expiring lot',
};

const warningStatuses: Record<`warningStatus.${WarningStatus}`, string> = {
  'warningStatus.OPEN': 'Open',
  'warningStatus.ACKNOWLEDGED': 'Acknowledged',
  'warningStatus.RESOLVED': 'Resolved',
};

export const enDashboard = {
  ...severities,
  ...warningKinds,
  ...warningStatuses,

  'nav.section.overview': 'Overview',
  'nav.dashboard': 'Dashboard',

  'dashboard.title': 'Dashboard',
  'dashboard.subtitleBuyer':
    'Warnings, consignment stock and replenishment across your VMI sites.',
  'dashboard.subtitleSupplier':
    'Your consignment stock at each buyer and the warnings on it.',
  'dashboard.refresh': 'Refresh',

  'dashboard.kpi.openWarnings': 'Open warnings',
  'dashboard.kpi.acknowledged': '{count} acknowledged',
  'dashboard.kpi.stockValue': 'Stock value on consignment',
  'dashboard.kpi.noStock': 'No stock',
  'dashboard.kpi.stockValueNote':
    'On hand at your sites × each supplier’s current price.',
  'dashboard.kpi.unpriced': '{count} stock lines without a current price are not included.',
  'dashboard.kpi.daysOfCover': 'Days of cover',
  'dashboard.kpi.daysAverage': 'days on average',
  'dashboard.kpi.coverMin': 'Lowest: {days} days ({location} · {item})',
  'dashboard.kpi.coverBasis':
    'Over {measured} site × item pairs consumed in the last 30 days; {idle} with stock and no consumption.',

  'dashboard.heatmap.title': 'Warning heat map',
  'dashboard.heatmap.subtitle':
    'Sites × items, coloured by the worst open warning. Click a cell to see its trend.',
  'dashboard.heatmap.aria':
    'Heat map of {sites} sites and {items} items coloured by the worst open warning',
  'dashboard.heatmap.ok': 'No warning',
  'dashboard.heatmap.open': '{count} open',
  'dashboard.heatmap.more': '{count} more items with policies are not shown.',
  'dashboard.heatmap.empty':
    'No stock policies and no open warnings yet: nothing to map.',

  'dashboard.trend.title': 'Stock trend',
  'dashboard.trend.subtitle':
    'On hand per business day from the ledger, against the policy’s min and max.',
  'dashboard.trend.aria':
    'On hand of {item} at {location} over the last {days} days',
  'dashboard.trend.onHand': 'On hand',
  'dashboard.trend.inTransit': 'In transit',
  'dashboard.trend.min': 'Min',
  'dashboard.trend.max': 'Max',
  'dashboard.trend.days': 'Period',
  'dashboard.trend.lastDays': 'Last {days} days',
  'dashboard.trend.summary':
    '{location} · {item}: on hand {onHand} {uom} today; min {min}, max {max}.',
  'dashboard.trend.pick': 'Pick a site and an item, or click a cell of the heat map.',

  'dashboard.inbox.title': 'Warnings inbox',
  'dashboard.inbox.subtitle':
    'Newest first (by priority when ranked). Acknowledging keeps a warning listed until its condition clears.',
  'dashboard.inbox.status': 'Status',
  'dashboard.inbox.kind': 'Kind',
  'dashboard.inbox.severity': 'Severity',
  'dashboard.inbox.location': 'Site',
  'dashboard.inbox.item': 'Item',
  'dashboard.inbox.itemFilter': 'Item code',
  'dashboard.inbox.priority': 'Priority',
  'dashboard.inbox.priorityNormal': 'Normal',
  'dashboard.inbox.priorityLow': 'Low',
  'dashboard.inbox.supplierWarehouse': 'Supplier warehouse',
  'dashboard.inbox.available': 'Available',
  'dashboard.inbox.threshold': 'Threshold',
  'dashboard.inbox.deviation': 'Deviation',
  'dashboard.inbox.suggested': 'Suggested',
  'dashboard.inbox.raisedAt': 'Raised',
  'dashboard.inbox.acknowledge': 'Acknowledge',
  'dashboard.inbox.acknowledged': 'Warning on {item} acknowledged.',

  'dashboard.proposals.title': 'Replenishment proposals',
  'dashboard.proposals.subtitle':
    'Sites at or below min: order up to max, net of stock in transit and open call-offs.',
  'dashboard.proposals.supplier': 'Supplier',
  'dashboard.proposals.noSupplier': 'No supplier with a current price',
  'dashboard.proposals.suggested': 'Suggested qty',
  'dashboard.proposals.reason': 'Why',
  'dashboard.proposals.createCallOff': 'Create call-off',
  'dashboard.proposals.created': 'Call-off {number} created.',
  'dashboard.proposals.createdText': 'Call-off {number} created for {location}.',
  'dashboard.proposals.open': 'Open call-off',
  'dashboard.proposals.empty': 'Nothing to replenish: every site is above its min.',

  'dashboard.supplier.spread': '{positions} positions at {sites} sites',
  'dashboard.supplier.showBuyer': 'Show only this buyer',
  'dashboard.supplier.showAll': 'Show all buyers',
  'dashboard.supplier.noBuyers': 'You are not linked to any buyer yet.',
  'dashboard.supplier.positionsTitle': 'My stock at my buyers',
  'dashboard.supplier.positionsSubtitle':
    'Per buyer site and item: on hand, in transit and the open warnings on your stock.',
  'dashboard.supplier.locationFilter': 'Site code',
  'dashboard.supplier.buyer': 'Buyer',
  'dashboard.supplier.ownWarehouse': 'Your warehouse',
  'dashboard.supplier.warnings': 'Warnings',
} as const;
