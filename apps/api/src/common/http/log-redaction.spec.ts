import { loggableError, loggableUrl } from './log-redaction';

describe('loggableUrl', () => {
  it.each([
    ['/api/v1/items', '/api/v1/items'],
    ['/api/v1/items?search=bolt&limit=5', '/api/v1/items?search=bolt&limit=5'],
    ['/x?password=hunter2&limit=5', '/x?password=[redacted]&limit=5'],
    ['/x?access_token=abc.def.ghi', '/x?access_token=[redacted]'],
    ['/x?Api-Key=1&apikey=2&client_secret=3&authorization=4', '/x?Api-Key=[redacted]&apikey=[redacted]&client_secret=[redacted]&authorization=[redacted]'],
    ['/x?pass%77ord=1', '/x?pass%77ord=[redacted]'],
    ['/x?token', '/x?token'],
    ['/x?%E0%A4%A=1', '/x?%E0%A4%A=1'],
  ])('%s → %s', (url, expected) => {
    expect(loggableUrl(url)).toBe(expected);
  });
});

describe('loggableError', () => {
  it('drops the bind parameters of a driver error, keeps query and SQLSTATE', () => {
    const err = Object.assign(new Error('duplicate key'), { query: 'INSERT INTO users …', parameters: ['a@b.c', '$scrypt$secret'], driverError: { code: '23505' } });
    const out = loggableError(err) as Record<string, unknown>;
    expect(out).toMatchObject({ message: 'duplicate key', query: 'INSERT INTO users …', code: '23505', parameters: '[2 redacted]' });
    expect(JSON.stringify(out)).not.toContain('$scrypt$secret');
  });

  it('leaves other errors alone', () => {
    const err = new Error('boom');
    expect(loggableError(err)).toBe(err);
  });
});
