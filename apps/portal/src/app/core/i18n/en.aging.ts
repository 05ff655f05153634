/* English: the consignment aging clause on the suppliers page. Spread into `en`. */
export const enAging = {
  'aging.column': 'Aging clause',
  'aging.none': 'None',
  'aging.summary': '{max} days',
  'aging.notice': 'notice {notice} d',
  'aging.summaryTooltip':
    'Consignment stock older than {max} days passes to you; an AGING warning is raised {notice} days before.',
  'aging.edit': 'Aging clause',
  'aging.dialogTitle': 'Aging clause · {name}',
  'aging.intro':
    'Consignment stock of this supplier that stays longer than the limit becomes yours: the aging-clause job transfers title at the price in force, the stock stays where it is. Clause transfers cannot be reversed.',
  'aging.enabled': 'Apply an aging clause',
  'aging.maxDays': 'Max consignment days',
  'aging.maxDaysHint': '1–3650 days after receipt',
  'aging.noticeDays': 'Notice (days)',
  'aging.noticeDaysHint': '0–365: AGING warning this many days before',
  'aging.offNote':
    'Without a clause, consignment stock stays the supplier’s until you consume it.',
  'aging.saved': 'Aging clause of {name}: {max} days.',
  'aging.removed': 'Aging clause of {name} removed.',
  'aging.run': 'Run aging clause now',
  'aging.running': 'Running…',
  'aging.runTooltip':
    'Passes title of consignment stock past its clause to you now (the job also runs on its own schedule).',
  'aging.resultTitle': 'Aging clause run',
  'aging.asOf': 'Ages measured at {at}',
  'aging.layersTransferred': 'Layers transferred',
  'aging.journals': 'Title-transfer journals',
  'aging.skippedNoPrice': 'Left: no price in force',
  'aging.skippedPeriodClosed': 'Left: period closed',
  'aging.nothingDue': 'Nothing was due.',
  'aging.openJournals': 'Open the title-transfer journals',
  // stock page: the buyer's own stock (title passed, e.g. by the aging clause)
  'aging.ownStock': '{name} (own stock)',
  'aging.ownMarker': '(own stock)',
};
