import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { Page, SupplierInventoryUpload, SupplierInventoryUploadError, SupplierInventoryUploadSummary } from '@stockbridge/shared';
import { Db } from '../../../database/db.service';
import type { Principal } from '../../../common/auth/principal';
import { supplierOrgOf } from '../../../common/auth/tenant';
import type { PageQueryDto } from '../../../common/http/paging';
import { MasterDataService } from '../../master-data/master-data.service';
import { inspectXlsx, sniffUploadFile, UploadRejectedError, writeErrorWorkbook } from '../parsing';
import { UploadBatchesRepository, UploadBatchRow, UploadBatchTarget } from '../persistence/upload-batches.repository';
import { SupplierInventoryRepository } from '../persistence/supplier-inventory.repository';
import { fileRejected, uploadInvalidState, uploadNotFound } from '../supplier-inventory.errors';
import { SupplierInventoryEvents } from '../supplier-inventory.events';
import { SUPPLIER_INVENTORY_SETTINGS, type SupplierInventorySettings } from '../supplier-inventory.settings';
import type { UploadListQueryDto, UploadQueryDto } from '../dto/uploads.dto';
import { countLines, spoolUpload, SpooledFile } from './upload-intake';
import { UploadJobs } from './upload-jobs';
import { UploadProcessor } from './upload-processor';

/**
 * Upload batches: take a file in, decide whether it is read now (201) or in the background
 * (202), apply a validated dry run, and show batches and their problems to the uploader and
 * to the buyer they are for.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly db: Db,
    private readonly md: MasterDataService,
    private readonly batches: UploadBatchesRepository,
    private readonly inventory: SupplierInventoryRepository,
    private readonly processor: UploadProcessor,
    private readonly jobs: UploadJobs,
    private readonly events: SupplierInventoryEvents,
    @Inject(SUPPLIER_INVENTORY_SETTINGS) private readonly settings: SupplierInventorySettings,
  ) {}

  /**
   * POST /supplier-inventory/uploads. File-level refusals (413 / 415 / 422) write nothing;
   * an upload with bad rows is kept as a REJECTED batch with its errors.
   */
  async upload(p: Principal, q: UploadQueryDto, req: FastifyRequest): Promise<{ accepted: boolean; body: SupplierInventoryUpload }> {
    const supplierOrgId = supplierOrgOf(p);
    await this.md.agreement(q.buyerOrgId, supplierOrgId);
    const file = await spoolUpload(req, this.settings.spoolDir, this.settings.limits.maxFileBytes);
    try {
      const background = await this.precheck(file);
      const batch: UploadBatchTarget = {
        id: randomUUID(),
        tenantId: q.buyerOrgId,
        supplierOrgId,
        uploadedBy: p.userId,
        fileName: file.fileName,
        fileSha256: file.sha256,
        fileBytes: file.bytes,
        mode: q.mode ?? 'SNAPSHOT',
        dryRun: q.dryRun ?? false,
      };
      if (background) {
        await this.db.transaction(async () => {
          await this.batches.insert(batch, { status: 'PROCESSING', background: true });
          await this.batches.storeFile(batch, file.path);
        });
        this.jobs.wake();
        return { accepted: true, body: await this.view(batch.id) };
      }
      try {
        await this.processor.process(batch, file.path, { fence: null });
      } catch (err) {
        if (err instanceof UploadRejectedError) throw fileRejected(err);
        throw err;
      }
      return { accepted: false, body: await this.view(batch.id) };
    } finally {
      await fs.rm(file.path, { force: true });
    }
  }

  /**
   * Cheap checks before answering: what the file is and how big it says it is (zip directory
   * and `<dimension>`, or the line count of a CSV). Refuses 413/415/422 at once; returns
   * whether the file goes to the background worker. A file estimated beyond the row limit is
   * read now so that the parser refuses it with a precise 413 instead of a later REJECTED.
   */
  private async precheck(file: SpooledFile): Promise<boolean> {
    let estimatedRows: number | null;
    try {
      const sniff = await sniffUploadFile(file.path, this.settings.limits);
      if (sniff.kind === 'xlsx') {
        const inspection = await inspectXlsx(file.path, this.settings.limits);
        estimatedRows = inspection.dimension ? Math.max(0, inspection.dimension.lastRow - 1) : null;
      } else {
        estimatedRows = Math.max(0, (await countLines(file.path)) - 1);
      }
    } catch (err) {
      if (err instanceof UploadRejectedError) throw fileRejected(err);
      throw err;
    }
    if (estimatedRows !== null && estimatedRows > this.settings.limits.maxRows) return false;
    return file.bytes > this.settings.asyncThresholdBytes || (estimatedRows !== null && estimatedRows > this.settings.asyncThresholdRows);
  }

  /** POST /supplier-inventory/uploads/{id}/apply: a VALIDATED dry run, in one transaction. */
  async apply(p: Principal, id: string): Promise<SupplierInventoryUpload> {
    const supplierOrgId = supplierOrgOf(p);
    await this.db.transaction(async () => {
      const seen = await this.batches.byId(id);
      if (!seen || seen.supplierOrgId !== supplierOrgId) throw uploadNotFound();
      await this.inventory.lockSupplier(seen.tenantId, seen.supplierOrgId, { waitSeconds: this.settings.limits.maxSeconds + 60 });
      const batch = (await this.batches.byId(id, { forUpdate: true })) as UploadBatchRow;
      if (batch.status !== 'VALIDATED') throw uploadInvalidState(batch.status, 'applied', ['VALIDATED']);
      const at = await this.inventory.now();
      const inEffect = await this.batches.inEffect(batch.tenantId, batch.supplierOrgId);
      if (inEffect && inEffect.fileSha256 === batch.fileSha256 && inEffect.mode === batch.mode) {
        await this.batches.finishUnchanged(batch, inEffect, at, null);
      } else {
        const firstPublication = !(await this.inventory.hasRows(batch.tenantId, batch.supplierOrgId));
        const ctx = { tenantId: batch.tenantId, supplierOrgId: batch.supplierOrgId, uploadId: batch.id, userId: p.userId, at, firstPublication };
        const upserted = await this.inventory.applyStaged(ctx);
        const zeroed = batch.mode === 'SNAPSHOT' ? await this.inventory.zeroAbsent(ctx, batch.sites ?? []) : { changed: 0, itemIds: [] };
        await this.events.changed({
          tenantId: batch.tenantId,
          supplierOrgId: batch.supplierOrgId,
          itemIds: [...new Set([...upserted.itemIds, ...zeroed.itemIds])],
        });
        await this.batches.markDryRunApplied(batch, upserted.changed + zeroed.changed, at);
      }
      await this.inventory.dropStaged(batch.tenantId, batch.id);
    });
    return this.view(id);
  }

  /** A batch the caller may see: the uploading supplier or the buyer it is for; others 404. */
  async visible(p: Principal, id: string, opts: { uploaderOnly?: boolean } = {}): Promise<UploadBatchRow> {
    const batch = await this.batches.byId(id);
    const mine = !!batch && p.orgId !== null && ((p.orgType === 'SUPPLIER' && batch.supplierOrgId === p.orgId) || (!opts.uploaderOnly && p.orgType === 'BUYER' && batch.tenantId === p.orgId));
    if (!batch || !mine) throw uploadNotFound();
    return batch;
  }

  async get(p: Principal, id: string): Promise<SupplierInventoryUpload> {
    return this.batches.view(await this.visible(p, id));
  }

  list(p: Principal, q: UploadListQueryDto): Promise<Page<SupplierInventoryUploadSummary>> {
    const scope =
      p.orgType === 'BUYER'
        ? { tenantId: p.orgId, supplierOrgId: q.supplierOrgId ?? null }
        : { tenantId: q.buyerOrgId ?? null, supplierOrgId: supplierOrgOf(p) };
    return this.batches.list(scope, { status: q.status, mode: q.mode }, q);
  }

  async errorsPage(p: Principal, id: string, q: PageQueryDto): Promise<Page<SupplierInventoryUploadError>> {
    return this.batches.errorsPage(await this.visible(p, id, { uploaderOnly: true }), q);
  }

  /** The rejected rows as uploaded, with an error column, streamed as .xlsx. */
  async errorWorkbook(p: Principal, id: string, lang: 'en' | 'zh'): Promise<{ stream: PassThrough; fileName: string }> {
    const batch = await this.visible(p, id, { uploaderOnly: true });
    const input = await this.batches.errorWorkbookInput(batch);
    const stream = new PassThrough();
    writeErrorWorkbook(stream, input, lang).catch((e: Error) => stream.destroy(e));
    const base = batch.fileName.replace(/\.[^.]*$/, '') || 'upload';
    return { stream, fileName: `${base}-errors.xlsx` };
  }

  private async view(id: string): Promise<SupplierInventoryUpload> {
    const batch = await this.batches.byId(id);
    if (!batch) throw uploadNotFound();
    return this.batches.view(batch);
  }
}
