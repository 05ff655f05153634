import { DemandSource, DemandStatus } from '@stockbridge/shared';

/* English: demands (entered and imported) and their netting into proposals. Spread into `en`. */

const demandStatuses: Record<`demandStatus.${DemandStatus}`, string> = {
  'demandStatus.OPEN': 'Open',
  'demandStatus.CANCELLED': 'Cancelled',
  'demandStatus.FULFILLED': 'Fulfilled',
};

const demandSources: Record<`demandSource.${DemandSource}`, string> = {
  'demandSource.MANUAL': 'Entered',
  'demandSource.UPLOAD': 'Imported',
};

export const enDemands = {
  ...demandStatuses,
  ...demandSources,

  'nav.demands': 'Demands',

  'demands.title': 'Demands',
  'demands.subtitle':
    'What your sites need and by when. Open demand due within the supplier’s lead time is added to the replenishment proposals.',
  'demands.new': 'New demand',
  'demands.import': 'Import',
  'demands.hideImport': 'Hide import',
  'demands.template': 'Template (English)',
  'demands.templateZh': '模板（中文）',
  'demands.item': 'Item',
  'demands.location': 'Location',
  'demands.qty': 'Quantity',
  'demands.needBy': 'Need by',
  'demands.needByFrom': 'Need by from',
  'demands.needByTo': 'Need by to',
  'demands.reference': 'Reference',
  'demands.referenceHint': 'Order, project or work order (optional)',
  'demands.source': 'Source',
  'demands.status': 'Status',
  'demands.itemFilter': 'Item code',
  'demands.dialogTitle': 'New demand',
  'demands.qtyHint': 'Up to {n} decimals for this item',
  'demands.created': 'Demand for {item} at {location} entered.',
  'demands.cancel': 'Cancel',
  'demands.fulfill': 'Fulfilled',
  'demands.cancelTitle': 'Cancel the demand for {item}?',
  'demands.cancelMessage':
    'A cancelled demand is no longer added to the replenishment proposals. This cannot be undone.',
  'demands.cancelReason': 'Reason (optional)',
  'demands.cancelConfirm': 'Cancel demand',
  'demands.cancelled': 'Demand cancelled.',
  'demands.fulfilled': 'Demand marked fulfilled.',

  'demands.importTitle': 'Import demands',
  'demands.importHint':
    'Columns item_code / 物料编码, location_code or site_code / 仓库, qty / 需求数量, need_by / 需求日期, reference / 参考号 (optional). One bad row and nothing is imported.',
  'demands.dropAria': 'Choose a spreadsheet of demands, or drop it here',
  'demands.dryRunHint':
    'Every row is checked; nothing is created. Import the same file without the dry run afterwards.',
  'demands.submit': 'Import',
  'demands.submitDryRun': 'Check',
  'demands.createdDemands': 'Created',
  'demands.rejectedExplain':
    '{n} problems were found: nothing was imported. Fix the rows below (or in the error workbook) and import the file again.',
  'demands.validatedExplain': 'Every row is valid. Import the file to create the demands.',
  'demands.appliedExplain': '{n} demands were created.',
  'demands.unchangedExplain':
    'This file was imported before: nothing was created again.',
  'demands.importNow': 'Import it now',
  'demands.errorsTruncated': 'The first {shown} of {n} problems are shown; the error workbook has the rows.',
  'demands.doneApplied': 'Demands imported.',
  'demands.doneValidated': 'The file is valid: import it when ready.',
};
