import type { ErrorCode, UploadStatus } from '@stockbridge/shared';
import { AppError, notFound } from '../../common/errors';
import { UploadRejectedError, UploadRejectionCode } from './parsing';

export const uploadNotFound = () => notFound('Upload');

export const uploadInvalidState = (status: UploadStatus, action: string, allowed: readonly UploadStatus[]) =>
  new AppError('INVALID_STATE', `The upload is ${status}; it can be ${action} only when ${allowed.join(' or ')}`, undefined, { uploadStatus: status });

/** The HTTP side of a file refused as a whole (exhaustive over the parser's codes). */
function httpOf(code: UploadRejectionCode): { code: ErrorCode; status?: number } {
  switch (code) {
    case 'PAYLOAD_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE' };
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE' };
    case 'VALIDATION_FAILED':
      // A readable spreadsheet whose content cannot be accepted (headers missing, forbidden
      // header, formula without a value…): well-formed request, refused content → 422.
      return { code: 'VALIDATION_FAILED', status: 422 };
  }
}

/**
 * 413 / 415 / 422 problem for a file the parser refused as a whole. The problem carries the
 * parser's `reason` and the Chinese explanation next to the English `detail`.
 */
export function fileRejected(err: UploadRejectedError): AppError {
  const { code, status } = httpOf(err.code);
  return new AppError(
    code,
    err.detail,
    err.errors.length ? err.errors.map((e) => ({ ...(e.column !== undefined ? { column: e.column } : {}), code: e.reason, message: e.message, messageZh: e.messageZh })) : undefined,
    { reason: err.reason, detailZh: err.detailZh, ...(status ? { httpStatus: status } : {}) },
  );
}

/** The upload request carried no file part named `file`. */
export const fileMissing = () =>
  new AppError('VALIDATION_FAILED', 'Send the spreadsheet as a multipart/form-data part named "file"', [
    { path: 'file', message: 'a multipart part named "file" is required' },
  ]);

export const fileTooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${maxBytes} bytes`, undefined, {
    reason: 'FILE_TOO_LARGE',
    detailZh: `文件超过大小上限（${maxBytes} 字节）。`,
  });
