import { ForecastMethod, ThresholdSuggestionStatus } from '@stockbridge/shared';

/* English: demand forecasts and threshold suggestions (docs/forecasting.md). Spread into `en`. */

const methods: Record<`forecast.method.${ForecastMethod}`, string> = {
  'forecast.method.NAIVE': 'Naive (last day)',
  'forecast.method.SES': 'Exponential smoothing',
  'forecast.method.CROSTON': 'Croston (intermittent)',
  'forecast.method.WEEKDAY_PROFILE': 'Weekday profile',
  'forecast.method.HOLT_WINTERS': 'Holt-Winters (weekly)',
  'forecast.method.MEAN': 'Mean (short history)',
};

const statuses: Record<`thresholds.status.${ThresholdSuggestionStatus}`, string> = {
  'thresholds.status.PENDING': 'Pending',
  'thresholds.status.ACCEPTED': 'Accepted',
  'thresholds.status.REJECTED': 'Rejected',
  'thresholds.status.SUPERSEDED': 'Superseded',
};

export const enForecast = {
  ...methods,
  ...statuses,
  'nav.forecasts': 'Demand forecasts',
  'nav.thresholds': 'Threshold suggestions',
  'forecast.title': 'Demand forecasts',
  'forecast.subtitle':
    'Daily consumption forecast per site and item from the ledger; the method with the lowest back-test error (WAPE over the last 4 weeks) is chosen per item.',
  'forecast.location': 'Site',
  'forecast.item': 'Item',
  'forecast.methodLabel': 'Method',
  'forecast.wape': 'WAPE',
  'forecast.mape': 'MAPE',
  'forecast.avgDaily': 'Forecast / day',
  'forecast.onHand': 'On hand',
  'forecast.daysOfCover': 'Days of cover',
  'forecast.history': 'History (days)',
  'forecast.intermittent': 'Intermittent',
  'forecast.fallback': 'Short history: no back-test',
  'forecast.refresh': 'Recompute now',
  'forecast.refreshed': '{pairs} forecasts recomputed, {suggestions} new threshold suggestions',
  'forecast.open': 'History and forecast',
  'forecast.asOf': 'As of {date}',
  'forecast.empty': 'No forecasts yet. They are computed once a day; “Recompute now” does it at once.',
  'forecast.detail.title': 'Forecast {location} · {item}',
  'forecast.detail.back': 'All forecasts',
  'forecast.detail.chart': 'Daily consumption and forecast',
  'forecast.detail.chartAria': 'Consumption of {item} at {location}: {history} days of history and {horizon} days of forecast',
  'forecast.detail.actual': 'Consumed',
  'forecast.detail.forecast': 'Forecast',
  'forecast.detail.candidates': 'Back-test of each method',
  'forecast.detail.candidatesHint':
    'Rolling origin: 4 weekly origins at the end of the history, 7 days forecast from each. The lowest WAPE wins (intermittent demand: the lowest error σ); on a tie the simpler method.',
  'forecast.detail.mae': 'MAE / day',
  'forecast.detail.params': 'Parameters',
  'forecast.detail.chosen': 'Chosen',
  'forecast.detail.rmse': 'Error σ / day',
  'forecast.detail.window': '{lookback} days of history, {horizon} days ahead',
  'thresholds.title': 'Threshold suggestions',
  'thresholds.subtitle':
    'Suggested min and max per stock policy from the forecast and the lead time. Nothing changes a policy until you accept.',
  'thresholds.statusLabel': 'Status',
  'thresholds.suggested': 'Suggested min / max',
  'thresholds.policy': 'Policy now',
  'thresholds.risk': 'Stock-out risk / cycle',
  'thresholds.riskValue': '{current} % → {suggested} %',
  'thresholds.reason': 'Reason',
  'thresholds.accept': 'Accept',
  'thresholds.reject': 'Reject',
  'thresholds.accepted': 'Policy {location} · {item} now has min {min} and max {max}',
  'thresholds.rejectedDone': 'Suggestion for {location} · {item} rejected; the policy stays as it is',
  'thresholds.rejectTitle': 'Reject the suggestion for {location} · {item}',
  'thresholds.rejectMessage': 'The policy keeps its min and max. No new suggestion is made for it for a while.',
  'thresholds.comment': 'Comment (optional)',
  'thresholds.decided': 'Decided {date}',
  'thresholds.empty': 'No suggestions. They follow each day’s forecast run.',
} as const;
