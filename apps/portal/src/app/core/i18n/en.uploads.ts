import { UploadMode, UploadStatus } from '@stockbridge/shared';

/* English: collaborative supplier inventory (uploads, supplier stock). Spread into `en`. */

const uploadStatuses: Record<`uploadStatus.${UploadStatus}`, string> = {
  'uploadStatus.PROCESSING': 'Processing',
  'uploadStatus.VALIDATED': 'Validated (dry run)',
  'uploadStatus.APPLIED': 'Applied',
  'uploadStatus.REJECTED': 'Rejected',
  'uploadStatus.FAILED': 'Failed',
};

const uploadModes: Record<`uploadMode.${UploadMode}`, string> = {
  'uploadMode.SNAPSHOT': 'Snapshot',
  'uploadMode.DELTA': 'Changes only',
};

export const enUploads = {
  ...uploadStatuses,
  ...uploadModes,

  'nav.section.collaboration': 'Supplier inventory',
  'nav.upload': 'Inventory upload',
  'nav.supplierStock': 'Supplier stock',

  'upload.title': 'Inventory upload',
  'upload.subtitle':
    'Publish the stock in your own warehouses to a buyer from an Excel or CSV file.',
  'upload.template': 'Template (English)',
  'upload.templateZh': '模板（中文）',
  'upload.newTitle': 'New upload',
  'upload.buyerHint': 'The buyer who will see this stock',
  'upload.dropAria': 'Choose a spreadsheet to upload, or drop it here',
  'upload.dropHere': 'Drop your spreadsheet here or click to choose it',
  'upload.dropFormats': '.xlsx or .csv, English or Chinese headers',
  'upload.changeFile': 'click or drop to change',
  'upload.mode': 'Mode',
  'upload.snapshotHint':
    'The file is your complete stock at the sites it names: rows it leaves out drop to zero.',
  'upload.deltaHint': 'Only the rows in the file change; everything else stays.',
  'upload.dryRun': 'Dry run (check only, apply later)',
  'upload.dryRunHint':
    'Every row is validated; nothing changes until you apply the result.',
  'upload.submit': 'Upload and apply',
  'upload.submitDryRun': 'Upload and check',
  'upload.uploading': 'Uploading…',
  'upload.uploadProgress': 'Upload',
  'upload.processingProgress': 'Reading rows: {done} of {total}',
  'upload.resultTitle': 'Result',
  'upload.dryRunShort': 'dry run',
  'upload.totalRows': 'Rows',
  'upload.validRows': 'Valid',
  'upload.errorRows': 'With errors',
  'upload.changedRows': 'Changed',
  'upload.rejectedExplain':
    '{n} problems were found: nothing was applied. Fix the rows below (or in the error workbook) and upload the file again.',
  'upload.validatedExplain':
    'Every row is valid. Apply the dry run to publish the stock.',
  'upload.appliedExplain': 'The stock is published to the buyer.',
  'upload.unchangedExplain':
    'This is the same file as the upload in effect: nothing changed.',
  'upload.failedExplain': 'The upload could not be processed.',
  'upload.apply': 'Apply',
  'upload.errorWorkbook': 'Download error workbook',
  'upload.errorsTitle': 'Problems ({n})',
  'upload.row': 'Row',
  'upload.column': 'Column',
  'upload.value': 'Value',
  'upload.message': 'Problem',
  'upload.historyTitle': 'Upload history',
  'upload.status': 'Status',
  'upload.uploadedAt': 'Uploaded',
  'upload.file': 'File',
  'upload.rowsValidBad': 'Rows / valid / errors',
  'upload.open': 'Show',
  'upload.doneApplied': 'Upload applied.',
  'upload.doneUnchanged': 'Same file as before: nothing changed.',
  'upload.doneValidated': 'Dry run valid: apply it when ready.',

  'supplierStock.title': 'Supplier stock',
  'supplierStock.subtitleBuyer':
    'What your suppliers hold in their own warehouses, as they last stated it.',
  'supplierStock.subtitleSupplier':
    'The stock you have published to your buyers.',
  'supplierStock.site': 'Supplier site',
  'supplierStock.available': 'Available',
  'supplierStock.asOf': 'As of',
  'supplierStock.export': 'Export CSV',
  'supplierStock.exporting': 'Exporting… {n} rows',
  'supplierStock.exported': '{n} rows exported.',
} as const;
