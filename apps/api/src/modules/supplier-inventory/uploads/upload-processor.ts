import { Inject, Injectable, Logger } from '@nestjs/common';
import { Db } from '../../../database/db.service';
import {
  ItemRef,
  ParseUploadResult,
  parseSupplierInventoryFile,
  RowValidationContext,
  UploadRejectedError,
  ValidRow,
} from '../parsing';
import { ParsedFacts, StoredUploadError, UploadBatchesRepository, UploadBatchTarget } from '../persistence/upload-batches.repository';
import { ApplyContext, InventoryChunk, SupplierInventoryRepository } from '../persistence/supplier-inventory.repository';
import { SupplierInventoryEvents } from '../supplier-inventory.events';
import { SUPPLIER_INVENTORY_SETTINGS, type SupplierInventorySettings } from '../supplier-inventory.settings';

/** What a processed upload ended as. */
export type ProcessOutcome = 'APPLIED' | 'UNCHANGED' | 'VALIDATED' | 'REJECTED' | 'LEASE_LOST';

/** The job's lease was taken over by another worker: its transaction must not commit. */
export class LeaseLostError extends Error {
  constructor() {
    super('the upload job lease was lost');
  }
}

/** Thrown inside the transaction to roll back everything a rejected file streamed in. */
class RowsRejected extends Error {
  constructor(readonly result: ParseUploadResult, readonly sites: string[]) {
    super('rows rejected');
  }
}

/** The parser's view of a supplier's catalogue at one buyer: its current price-list items. */
interface SupplierCatalogue {
  validation: Omit<RowValidationContext, 'limits'>;
  uomByItemId: Map<string, string>;
}

/** How often (at most) a background job publishes its progress. */
const PROGRESS_INTERVAL_MS = 250;

/**
 * Reads, validates and applies one uploaded file. Everything happens in ONE transaction:
 * valid rows are streamed into the inventory (or, for a dry run, into the staging table)
 * chunk by chunk while the parser reads on, and if any row turns out bad the transaction
 * rolls back, so an upload is all-or-nothing and a crash leaves nothing behind. The rejection
 * (counts, every error, the rejected rows) is then recorded in a transaction of its own.
 *
 * `fence` null: a synchronous upload — the batch row is inserted in the same transaction.
 * `fence` = a worker id: a background job — the batch row exists and is leased to that
 * worker; every final write checks the lease, so a worker that lost it commits nothing.
 */
@Injectable()
export class UploadProcessor {
  private readonly logger = new Logger('SupplierInventoryUpload');

  constructor(
    private readonly db: Db,
    private readonly batches: UploadBatchesRepository,
    private readonly inventory: SupplierInventoryRepository,
    private readonly events: SupplierInventoryEvents,
    @Inject(SUPPLIER_INVENTORY_SETTINGS) private readonly settings: SupplierInventorySettings,
  ) {}

  async process(batch: UploadBatchTarget, filePath: string, opts: { fence: string | null }): Promise<ProcessOutcome> {
    const catalogue = await this.catalogue(batch.tenantId, batch.supplierOrgId);
    const progress = opts.fence ? this.progressReporter(batch, opts.fence) : undefined;
    try {
      return await this.db.transaction(async () => {
        if (!opts.fence) await this.batches.insert(batch, { status: 'PROCESSING', background: false });
        let ctx: ApplyContext | null = null;
        if (!batch.dryRun) {
          await this.inventory.lockSupplier(batch.tenantId, batch.supplierOrgId, { waitSeconds: this.settings.limits.maxSeconds + 60 });
          const at = await this.inventory.now();
          const same = await this.sameFileInEffect(batch);
          if (same) {
            if (!(await this.batches.finishUnchanged(batch, same, at, opts.fence))) throw new LeaseLostError();
            return 'UNCHANGED';
          }
          const firstPublication = !(await this.inventory.hasRows(batch.tenantId, batch.supplierOrgId));
          ctx = { tenantId: batch.tenantId, supplierOrgId: batch.supplierOrgId, uploadId: batch.id, userId: batch.uploadedBy, at, firstPublication };
        }
        const writer = new ChunkWriter(catalogue.uomByItemId, ctx ? (c) => this.applyChunk(ctx as ApplyContext, c) : (c, rows) => this.inventory.stageChunk(batch.tenantId, batch.id, rows, c).then(() => null));
        let result: ParseUploadResult;
        try {
          result = await parseSupplierInventoryFile(filePath, {
            fileName: batch.fileName,
            limits: this.settings.limits,
            ctx: catalogue.validation,
            sink: (rows) => writer.write(rows),
            onProgress: progress,
          });
        } catch (err) {
          // Let the chunk still in flight finish before the transaction rolls back under it.
          await writer.settle().catch(() => undefined);
          throw err;
        }
        const sites = [...writer.sites].sort();
        if (result.errorRowCount > 0) {
          await writer.settle();
          throw new RowsRejected(result, sites);
        }
        await writer.drain();
        const facts = factsOf(result, sites);
        if (!ctx) {
          if (!(await this.batches.finishValidated(batch, facts, opts.fence))) throw new LeaseLostError();
          return 'VALIDATED';
        }
        if (batch.mode === 'SNAPSHOT') writer.add(await this.inventory.zeroAbsent(ctx, sites));
        await this.events.changed({ tenantId: batch.tenantId, supplierOrgId: batch.supplierOrgId, itemIds: [...writer.itemIds] });
        if (!(await this.batches.finishApplied(batch, facts, writer.changed, ctx.at, opts.fence))) throw new LeaseLostError();
        return 'APPLIED';
      });
    } catch (err) {
      if (err instanceof RowsRejected) {
        const { result, sites } = err;
        const recorded = await this.db.transaction(async () => {
          if (!opts.fence) await this.batches.insert(batch, { status: 'PROCESSING', background: false });
          return this.batches.finishRejected(batch, { ...factsOf(result, sites), errorRows: result.errorRowCount, errorCount: result.errorCount, errorsTruncated: result.errorsTruncated }, result.errors, result.rejectedRows, opts.fence);
        });
        return recorded ? 'REJECTED' : 'LEASE_LOST';
      }
      if (err instanceof LeaseLostError) {
        this.logger.warn(`upload ${batch.id}: lease lost, another worker owns it now`);
        return 'LEASE_LOST';
      }
      if (err instanceof UploadRejectedError && opts.fence) {
        // The client already had its 202: the batch records why the file was refused.
        const errors: StoredUploadError[] = (err.errors.length ? err.errors : [{ reason: err.reason, message: err.detail, messageZh: err.detailZh }]).map((e) => ({
          row: null,
          column: e.column ?? '',
          columnIndex: null,
          value: null,
          code: e.reason,
          message: e.message,
          messageZh: e.messageZh,
        }));
        const recorded = await this.db.transaction(() => this.batches.finishFileRejected(batch, `${err.code} ${err.reason}: ${err.detail}`, errors, opts.fence as string));
        return recorded ? 'REJECTED' : 'LEASE_LOST';
      }
      throw err;
    }
  }

  /** The upload in effect, if this batch is the same file (same bytes, same mode) again. */
  private async sameFileInEffect(batch: UploadBatchTarget) {
    const inEffect = await this.batches.inEffect(batch.tenantId, batch.supplierOrgId);
    return inEffect && inEffect.id !== batch.id && inEffect.fileSha256 === batch.fileSha256 && inEffect.mode === batch.mode ? inEffect : null;
  }

  private applyChunk(ctx: ApplyContext, chunk: InventoryChunk) {
    return this.inventory.applyChunk(ctx, chunk);
  }

  /** Items the supplier has a current price-list entry for, by buyer item code and by supplier SKU. */
  async catalogue(tenantId: string, supplierOrgId: string): Promise<SupplierCatalogue> {
    const rows = await this.db.query<{ id: string; code: string; uom: string; decimals: number; supplier_sku: string }>(
      `SELECT i.id, i.code, i.uom, i.decimals, p.supplier_sku FROM price_list_entries p JOIN items i ON i.id = p.item_id
        WHERE p.tenant_id = $1 AND p.supplier_org_id = $2 AND p.valid_to IS NULL`,
      [tenantId, supplierOrgId],
    );
    const itemsByCode = new Map<string, ItemRef>();
    const itemsBySupplierSku = new Map<string, ItemRef>();
    const uomByItemId = new Map<string, string>();
    for (const r of rows) {
      const ref: ItemRef = { itemId: r.id, code: r.code, uom: r.uom, decimals: Number(r.decimals) };
      itemsByCode.set(r.code, ref);
      itemsBySupplierSku.set(r.supplier_sku, ref);
      uomByItemId.set(r.id, r.uom);
    }
    return { validation: { itemsByCode, itemsBySupplierSku }, uomByItemId };
  }

  /** Publishes `processedRows` of a background job, throttled, outside its transaction. */
  private progressReporter(batch: UploadBatchTarget, fence: string) {
    let last = 0;
    let inFlight = false;
    return (processed: number, total: number | null) => {
      const now = Date.now();
      if (inFlight || (now - last < PROGRESS_INTERVAL_MS && processed !== total)) return;
      last = now;
      inFlight = true;
      this.batches
        .progress(batch, fence, processed, total)
        .catch((e: Error) => this.logger.warn(`upload ${batch.id}: progress not recorded: ${e.message}`))
        .finally(() => (inFlight = false));
    };
  }
}

function factsOf(result: ParseUploadResult, sites: string[]): ParsedFacts {
  return {
    totalRows: result.totalRows,
    validRows: result.validRowCount,
    errorRows: 0,
    errorCount: 0,
    errorsTruncated: false,
    headers: result.headers,
    notices: result.notices,
    sites,
  };
}

/**
 * Rows per apply statement. The parser hands over 1,000 at a time; 5,000 per statement measured
 * faster than 1,000 or 2,000 (fewer statements; the chunk left after the last row is small anyway).
 */
const APPLY_CHUNK_ROWS = 5000;

/**
 * Turns the parser's batches of valid rows into column arrays and writes them in chunks of
 * {@link APPLY_CHUNK_ROWS}, keeping one chunk in flight while the parser reads on (the
 * database works on one core while Node parses on the other). Site codes are compared without
 * regard to case and stored in upper case; no lot is ''.
 */
class ChunkWriter {
  readonly sites = new Set<string>();
  readonly itemIds = new Set<string>();
  changed = 0;
  private pending: Promise<void> = Promise.resolve();
  private chunk: InventoryChunk = ChunkWriter.empty();
  private rowNumbers: number[] = [];

  constructor(
    private readonly uomByItemId: Map<string, string>,
    private readonly sink: (chunk: InventoryChunk, rowNumbers: number[]) => Promise<{ changed: number; itemIds: string[] } | null>,
  ) {}

  private static empty(): InventoryChunk {
    return { siteCodes: [], itemIds: [], lotNos: [], qtys: [], uoms: [], expiryDates: [] };
  }

  write(rows: ValidRow[]): Promise<void> {
    const c = this.chunk;
    for (const r of rows) {
      const site = r.siteCode.toUpperCase();
      this.sites.add(site);
      c.siteCodes.push(site);
      c.itemIds.push(r.itemId);
      c.lotNos.push(r.lotNo ?? '');
      c.qtys.push(r.availableQty);
      c.uoms.push(this.uomByItemId.get(r.itemId) ?? r.uom ?? '');
      c.expiryDates.push(r.expiryDate);
      this.rowNumbers.push(r.rowNumber);
    }
    return c.siteCodes.length >= APPLY_CHUNK_ROWS ? this.flush() : Promise.resolve();
  }

  /** Sends the buffered rows after the chunk in flight; resolves when that previous one is done. */
  private flush(): Promise<void> {
    const chunk = this.chunk;
    const rowNumbers = this.rowNumbers;
    this.chunk = ChunkWriter.empty();
    this.rowNumbers = [];
    const previous = this.pending;
    this.pending = previous.then(async () => {
      if (chunk.siteCodes.length === 0) return;
      const counted = await this.sink(chunk, rowNumbers);
      if (counted) this.add(counted);
    });
    // A failure surfaces through the next write or drain(); never as an unhandled rejection.
    this.pending.catch(() => undefined);
    return previous;
  }

  add(counted: { changed: number; itemIds: string[] }): void {
    this.changed += counted.changed;
    for (const id of counted.itemIds) this.itemIds.add(id);
  }

  /** Writes what is buffered and waits for everything. */
  async drain(): Promise<void> {
    await this.flush();
    await this.pending;
  }

  /** Waits for the chunk in flight without writing more (the transaction is being abandoned). */
  settle(): Promise<void> {
    return this.pending;
  }
}
