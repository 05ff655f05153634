import { Watchdog } from './watchdog';

describe('Watchdog', () => {
  it('passes results and errors through while healthy', async () => {
    const watchdog = new Watchdog(60);
    await expect(watchdog.race(Promise.resolve(42))).resolves.toBe(42);
    await expect(watchdog.race(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    watchdog.dispose();
  });

  it('rejects a pending race, and every later one, once failed', async () => {
    const watchdog = new Watchdog(60);
    const never = new Promise<never>(() => undefined);
    const pending = watchdog.race(never);
    watchdog.fail(new Error('stream broke'));
    await expect(pending).rejects.toThrow('stream broke');
    await expect(watchdog.race(Promise.resolve(1))).rejects.toThrow('stream broke');
    expect(() => watchdog.check()).toThrow('stream broke');
  });

  it('fails with a 413 TIME_LIMIT when the budget is spent', async () => {
    const watchdog = new Watchdog(0);
    await expect(watchdog.race(new Promise<never>(() => undefined))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'TIME_LIMIT' });
  });

  it('does not count paused work against the budget', async () => {
    const watchdog = new Watchdog(60);
    const before = watchdog.deadlineAt;
    await watchdog.paused(() => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(watchdog.deadlineAt).toBeGreaterThan(before);
    watchdog.dispose();
  });
});
