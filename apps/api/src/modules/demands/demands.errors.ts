import type { DemandStatus } from '@stockbridge/shared';
import { AppError, notFound } from '../../common/errors';

export const demandNotFound = () => notFound('Demand');
export const demandUploadNotFound = () => notFound('Demand upload');

/** 409 INVALID_STATE: only an OPEN demand can be cancelled or marked fulfilled. */
export const demandInvalidState = (status: DemandStatus, action: string) =>
  new AppError('INVALID_STATE', `The demand is ${status}; it can be ${action} only when OPEN`, undefined, { demandStatus: status });
