import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { AGING_CLAUSE_SETTINGS, type AgingClauseSettings } from './aging-clause.settings';
import { AgingClauseService } from './aging-clause.service';

/** pg_try_advisory_lock key of the scheduled run (one instance at a time runs it). */
const SCHEDULE_LOCK = 7_364_000_500;

/**
 * Runs the aging clause every AGING_CLAUSE_INTERVAL_MS, the warnings module's pattern: every
 * instance has the timer, a session advisory try-lock lets one of them run while the others
 * skip that tick. The lock only saves work; correctness does not depend on it (SKIP LOCKED and
 * the (layer, version) key, see AgingClauseService). State lives in PostgreSQL
 * (aging_clause_runs), none in memory.
 */
@Injectable()
export class AgingClauseScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AgingClauseScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clause: AgingClauseService,
    @Inject(AGING_CLAUSE_SETTINGS) private readonly settings: AgingClauseSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.stopped || this.running) return;
      this.running = this.runScheduledOnce()
        .catch((e) => this.logger.error(`aging clause run failed: ${(e as Error).message}`))
        .finally(() => (this.running = null));
    }, this.settings.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One scheduled run if no other instance is running one; false when skipped. */
  async runScheduledOnce(): Promise<boolean> {
    const runner = this.db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = await runner.query(`SELECT pg_try_advisory_lock($1) AS ok`, [SCHEDULE_LOCK]);
      if (!lock.ok) return false;
      try {
        await this.clause.run({ trigger: 'SCHEDULE' });
        return true;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [SCHEDULE_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
