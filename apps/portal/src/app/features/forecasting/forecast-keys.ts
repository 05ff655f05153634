import { ForecastMethod, ThresholdSuggestionStatus } from '@stockbridge/shared';
import { TranslationKey } from '../../core/i18n/en';

/** Translation key of a forecasting method: `{{ methodKey(r.method) | t }}`. */
export const methodKey = (method: ForecastMethod): TranslationKey => `forecast.method.${method}`;

/** Translation key of a threshold suggestion's status. */
export const suggestionStatusKey = (status: ThresholdSuggestionStatus): TranslationKey => `thresholds.status.${status}`;
