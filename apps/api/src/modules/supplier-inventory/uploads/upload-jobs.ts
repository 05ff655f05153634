import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { UploadBatchesRepository, UploadBatchRow } from '../persistence/upload-batches.repository';
import { SUPPLIER_INVENTORY_SETTINGS, type SupplierInventorySettings } from '../supplier-inventory.settings';
import { UploadProcessor } from './upload-processor';

/**
 * The background worker for large uploads. The queue is the uploads table itself: a batch in
 * PROCESSING whose lease is free or expired is claimed with FOR UPDATE SKIP LOCKED (so several
 * API instances can poll safely), its file is read back from PostgreSQL, and it is processed
 * like a synchronous upload, in one transaction, renewing its lease meanwhile. A worker that
 * dies mid-way leaves its transaction rolled back and its lease to expire; the next poll
 * (here or on another instance) resumes the batch from the start, and after
 * `maxAttempts` claims marks it FAILED. Started on application bootstrap, stopped (waiting
 * for the job at hand) on shutdown.
 */
@Injectable()
export class UploadJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SupplierInventoryJobs');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;

  constructor(
    private readonly batches: UploadBatchesRepository,
    private readonly processor: UploadProcessor,
    @Inject(SUPPLIER_INVENTORY_SETTINGS) private readonly settings: SupplierInventorySettings,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.settings.workerEnabled) return;
    this.timer = setInterval(() => this.wake(), this.settings.pollMs);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Looks for work now (after a 202, or on the poll interval). */
  wake(): void {
    if (!this.settings.workerEnabled || this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((e: Error) => this.logger.warn(`upload worker: ${e.message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    while (!this.stopping) {
      const job = await this.batches.claimNext(this.settings.instanceId, this.settings.leaseSeconds);
      if (!job) return;
      await this.run(job);
    }
  }

  /** Runs one claimed job to an end state, or gives it back to be retried. */
  async run(job: UploadBatchRow): Promise<void> {
    const fence = this.settings.instanceId;
    if (job.attempts > this.settings.maxAttempts) {
      await this.batches.finishFailed(job, `Processing was interrupted ${job.attempts - 1} times; upload the file again.`, fence);
      return;
    }
    await fs.mkdir(this.settings.spoolDir, { recursive: true });
    const path = join(this.settings.spoolDir, `${job.id}.job`);
    const heartbeat = setInterval(() => {
      this.batches.heartbeat(job, fence, this.settings.leaseSeconds).catch((e: Error) => this.logger.warn(`upload ${job.id}: lease not renewed: ${e.message}`));
    }, Math.max(200, (this.settings.leaseSeconds * 1000) / 3));
    heartbeat.unref();
    try {
      if (!(await this.batches.readFileTo(job, path))) {
        await this.batches.finishFailed(job, 'The uploaded file is no longer available; upload it again.', fence);
        return;
      }
      const outcome = await this.processor.process(job, path, { fence });
      this.logger.log(`upload ${job.id}: ${outcome}`);
    } catch (err) {
      const reason = `Processing failed: ${(err as Error).message}`;
      this.logger.error(`upload ${job.id}: ${reason}`);
      if (job.attempts >= this.settings.maxAttempts) await this.batches.finishFailed(job, reason, fence).catch(() => undefined);
      else await this.batches.release(job, fence, Math.min(60, 2 ** job.attempts), reason).catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
      await fs.rm(path, { force: true });
    }
  }
}
