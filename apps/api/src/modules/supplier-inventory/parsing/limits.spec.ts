import { DEFAULT_UPLOAD_LIMITS, resolveUploadLimits, uploadLimitsFromEnv } from './limits';

describe('upload limits', () => {
  it('defaults to the QUALITY.md figures', () => {
    expect(DEFAULT_UPLOAD_LIMITS).toEqual({
      maxFileBytes: 20 * 1024 * 1024,
      maxInflatedBytes: 200 * 1024 * 1024,
      maxRows: 200_000,
      maxColumns: 64,
      maxCellChars: 1_000,
      maxSeconds: 120,
    });
  });

  it('takes overrides from UPLOAD_MAX_* variables', () => {
    expect(uploadLimitsFromEnv({ UPLOAD_MAX_ROWS: '1000', UPLOAD_MAX_SECONDS: ' 30 ', UPLOAD_MAX_COLUMNS: '' })).toEqual({
      ...DEFAULT_UPLOAD_LIMITS,
      maxRows: 1000,
      maxSeconds: 30,
    });
  });

  it.each(['0', '-5', '1.5', '1e6', 'lots', '99999999999999999999'])('refuses %j rather than lifting a limit', (value) => {
    expect(() => uploadLimitsFromEnv({ UPLOAD_MAX_FILE_BYTES: value })).toThrow('UPLOAD_MAX_FILE_BYTES must be a positive integer');
  });

  it('resolves partial overrides', () => {
    expect(resolveUploadLimits({ maxRows: 10 })).toEqual({ ...DEFAULT_UPLOAD_LIMITS, maxRows: 10 });
  });
});
