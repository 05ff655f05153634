import { tooLarge, UploadRejectedError } from './upload-errors';

/**
 * Guards every await of the parsing pipeline against the two ways a stream reader can hang:
 * the time budget running out, and an error emitted on a stream that nobody listens to
 * (`a.pipe(b)` does not forward errors, so `b` would wait forever). Each guarded await is
 * raced against both; the loser is left to be garbage-collected once the streams are destroyed.
 */
export class Watchdog {
  private deadline: number;
  /**
   * Rejecters of the races in flight. Not `Promise.race([p, failed])`: every such call would
   * leave a reaction on the never-settling `failed` promise — one per row, never freed.
   */
  private readonly pending = new Set<(error: unknown) => void>();
  private timer: NodeJS.Timeout | null = null;
  private failure: unknown = null;

  constructor(private readonly maxSeconds: number, now: number = Date.now()) {
    this.deadline = now + maxSeconds * 1000;
    this.arm(now);
  }

  get deadlineAt(): number {
    return this.deadline;
  }

  /** Resolves like `promise`, or rejects as soon as the watchdog fails (time or stream error). */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.failure !== null) {
      promise.catch(() => undefined);
      return Promise.reject(this.failure);
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.add(reject);
      promise.then(
        (value) => {
          this.pending.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.pending.delete(reject);
          reject(error);
        },
      );
    });
  }

  /** Cheap synchronous check for CPU-bound loops between awaits. */
  check(): void {
    if (this.failure !== null) throw this.failure;
    if (this.timer !== null && Date.now() > this.deadline) {
      this.fail(this.timeLimitError());
      throw this.failure;
    }
  }

  /** Fails every pending and future {@link race}; the first failure wins. */
  fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    for (const reject of this.pending) reject(error);
    this.pending.clear();
    this.dispose();
  }

  /**
   * Runs work that is not the file's doing (the caller's sink writing to the database) with
   * the clock stopped: the budget bounds what a hostile file can cost, not a slow database.
   */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    if (this.failure !== null) throw this.failure;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const started = Date.now();
    try {
      return await work();
    } finally {
      if (this.failure === null) {
        const now = Date.now();
        this.deadline += now - started;
        this.arm(now);
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(now: number): void {
    this.timer = setTimeout(() => this.fail(this.timeLimitError()), Math.max(0, this.deadline - now));
    this.timer.unref();
  }

  private timeLimitError(): UploadRejectedError {
    return tooLarge(
      'TIME_LIMIT',
      `The file could not be processed within ${this.maxSeconds} s; split it into smaller files.`,
      `文件未能在 ${this.maxSeconds} 秒内处理完毕，请拆分为多个较小的文件后再上传。`,
    );
  }
}
