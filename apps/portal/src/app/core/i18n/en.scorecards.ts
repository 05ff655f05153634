import { ScorecardMetric } from '@stockbridge/shared';

/* English: supplier scorecards (buyer ranking and trend, the supplier's own view). Spread into `en`. */

const metrics: Record<`scorecards.metric.${ScorecardMetric}`, string> = {
  'scorecards.metric.onTimeDelivery': 'On-time delivery',
  'scorecards.metric.fillRate': 'Fill rate',
  'scorecards.metric.confirmationLeadTime': 'Confirmation lead time',
  'scorecards.metric.shortClose': 'Short closes',
  'scorecards.metric.agedStock': 'Aged stock',
  'scorecards.metric.turnover': 'Turnover',
  'scorecards.metric.disputes': 'Disputed lines',
};

export const enScorecards = {
  ...metrics,
  'nav.scorecards': 'Supplier scorecards',
  'scorecards.title': 'Supplier scorecards',
  'scorecards.subtitleBuyer':
    'Your suppliers ranked by a weighted score over the period (default: this month). Pick a supplier to see its trend.',
  'scorecards.titleSupplier': 'My scorecard',
  'scorecards.subtitleSupplier':
    'How each buyer sees your deliveries, confirmations, consignment stock and statements.',
  'scorecards.from': 'From',
  'scorecards.to': 'To',
  'scorecards.periodLine': 'Period {from} – {to}',
  'scorecards.rank': 'Rank',
  'scorecards.supplier': 'Supplier',
  'scorecards.buyer': 'Buyer',
  'scorecards.score': 'Score',
  'scorecards.grade': 'Grade',
  'scorecards.onTime': 'On time',
  'scorecards.fillRate': 'Fill rate',
  'scorecards.confirmation': 'Confirmation (median h)',
  'scorecards.shortClosed': 'Closed short',
  'scorecards.turnover': 'Turnover / year',
  'scorecards.aged': 'Aged stock',
  'scorecards.disputed': 'Disputed lines',
  'scorecards.deliveries': '{onTime} of {deliveries} deliveries on time',
  'scorecards.showTrend': 'Show the trend',
  'scorecards.weights':
    'Score weights: {weights}. Metrics without data are left out.',
  'scorecards.trendOf': 'Trend of {supplier}',
  'scorecards.trendAt': 'Your trend at {buyer}',
  'scorecards.chartLabel':
    'Line chart: score, on-time delivery and fill rate per period — {subject}',
  'scorecards.granularity': 'Trend by',
  'scorecards.granularity.month': 'Month',
  'scorecards.granularity.week': 'Week',
  'scorecards.period': 'Period',
  'scorecards.total': 'Whole period {from} – {to}: score {score}',
};
