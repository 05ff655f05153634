import { HttpEventType } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  Page,
  SupplierInventoryUpload,
  SupplierInventoryUploadError,
  SupplierInventoryUploadSummary,
  UPLOAD_MODES,
  UPLOAD_STATUSES,
  UploadMode,
  UploadStatus,
} from '@stockbridge/shared';
import { Subscription, of, switchMap, takeWhile, timer } from 'rxjs';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalDatePipe } from '../../core/i18n/local-date.pipe';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { CursorPage } from '../../shared/cursor-table/cursor-page';
import { CursorTable } from '../../shared/cursor-table/cursor-table';
import { OrgDirectory, OrgNamePipe } from '../../shared/directory/org-directory';
import { fileNameOf, saveBlob } from '../../shared/files/save-file';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import {
  Lang,
  SupplierInventoryClient,
  UploadHistoryFilters,
} from './data/supplier-inventory-client';
import { UploadStatusChip } from './upload-status';

/** How often a large upload's progress is asked for while the server reads it. */
const POLL_MS = 1000;

/**
 * The supplier's most used screen: publish warehouse stock to a buyer from a spreadsheet.
 * Pick the buyer, drop the file, choose SNAPSHOT or DELTA and whether to try it first (dry
 * run); watch it upload and, for large files, being read; fix the rows it lists (also as an
 * error workbook); apply a validated dry run; look back at earlier uploads.
 */
@Component({
  selector: 'sb-upload-page',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSlideToggleModule,
    MatSortModule,
    MatTableModule,
    MatTooltipModule,
    CursorTable,
    PageHeader,
    ProblemAlert,
    UploadStatusChip,
    Icon,
    TranslatePipe,
    LocalDatePipe,
    OrgNamePipe,
  ],
  templateUrl: './upload-page.html',
  styleUrl: './upload-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadPage {
  private readonly client = inject(SupplierInventoryClient);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);
  protected readonly orgs = inject(OrgDirectory);

  protected readonly modes = UPLOAD_MODES;
  protected readonly statuses = UPLOAD_STATUSES;

  protected readonly buyerOrgId = signal('');
  protected readonly file = signal<File | null>(null);
  protected readonly mode = signal<UploadMode>('SNAPSHOT');
  protected readonly dryRun = signal(false);
  protected readonly dragging = signal(false);

  /** Bytes sent, in percent; null before the first progress event. */
  protected readonly uploadPercent = signal<number | null>(null);
  protected readonly uploading = signal(false);
  protected readonly applying = signal(false);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<ClientProblem | null>(null);
  /** The upload on screen: the one just sent, or one opened from the history. */
  protected readonly current = signal<SupplierInventoryUpload | null>(null);

  protected readonly processing = computed(
    () => this.current()?.status === 'PROCESSING',
  );
  /** Rows read so far in percent, or null while the total is not known yet. */
  protected readonly processedPercent = computed(() => {
    const u = this.current();
    if (!u?.totalRows) return null;
    return Math.min(100, Math.round((u.processedRows / u.totalRows) * 100));
  });
  protected readonly canSubmit = computed(
    () =>
      !!this.file() &&
      !!this.buyerOrgId() &&
      !this.uploading() &&
      !this.processing(),
  );

  protected readonly errorsPage = new CursorPage<
    SupplierInventoryUploadError,
    { uploadId: string }
  >({
    load: (request, filters) =>
      filters.uploadId
        ? this.client.errors(filters.uploadId, request)
        : of<Page<SupplierInventoryUploadError>>({ items: [], nextCursor: null }),
    filters: { uploadId: '' },
  });
  protected readonly errorColumns = ['row', 'column', 'value', 'message'] as const;

  protected readonly history = new CursorPage<
    SupplierInventoryUploadSummary,
    UploadHistoryFilters
  >({
    load: (request, filters) => this.client.uploads(request, filters),
    filters: { status: '', mode: '', buyerOrgId: '', supplierOrgId: '' },
  });
  protected readonly historyColumns = [
    'createdAt',
    'fileName',
    'buyer',
    'status',
    'mode',
    'rows',
    'open',
  ] as const;

  private poll: Subscription | null = null;
  private send: Subscription | null = null;

  constructor() {
    // The first linked buyer is the usual one.
    effect(() => {
      const partners = this.orgs.partners();
      if (partners.length && !untracked(this.buyerOrgId)) {
        this.buyerOrgId.set(partners[0].id);
      }
    });
    // The errors table follows the upload on screen once it is read.
    effect(() => {
      const u = this.current();
      const id = u && u.status !== 'PROCESSING' && u.errorCount > 0 ? u.id : '';
      untracked(() => this.errorsPage.patchFilters({ uploadId: id }));
    });
    this.destroyRef.onDestroy(() => {
      this.poll?.unsubscribe();
      this.send?.unsubscribe();
    });
  }

  protected statusKey(status: UploadStatus) {
    return `uploadStatus.${status}` as const;
  }

  protected modeKey(mode: UploadMode) {
    return `uploadMode.${mode}` as const;
  }

  protected message(error: SupplierInventoryUploadError): string {
    return this.i18n.lang() === 'zh' && error.messageZh
      ? error.messageZh
      : error.message;
  }

  protected notice(n: { message: string; messageZh: string }): string {
    return this.i18n.lang() === 'zh' && n.messageZh ? n.messageZh : n.message;
  }

  protected cell(value: SupplierInventoryUploadError['value']): string {
    return value === null || value === undefined ? '' : String(value);
  }

  protected size(bytes: number): string {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  // ---- choosing the file

  protected onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.choose(input.files?.[0] ?? null);
    // The same file may be chosen again after fixing it.
    input.value = '';
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.choose(event.dataTransfer?.files?.[0] ?? null);
  }

  private choose(file: File | null): void {
    if (!file) return;
    this.file.set(file);
    this.problem.set(null);
  }

  // ---- sending it

  protected submit(): void {
    const file = this.file();
    const buyerOrgId = this.buyerOrgId();
    if (!file || !buyerOrgId || !this.canSubmit()) return;
    this.poll?.unsubscribe();
    this.problem.set(null);
    this.current.set(null);
    this.uploadPercent.set(0);
    this.uploading.set(true);
    this.send = this.client
      .upload(file, { buyerOrgId, mode: this.mode(), dryRun: this.dryRun() })
      .subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            this.uploadPercent.set(
              event.total ? Math.round((event.loaded / event.total) * 100) : null,
            );
          } else if (event.type === HttpEventType.Response) {
            this.uploading.set(false);
            this.uploadPercent.set(100);
            const upload = event.body;
            if (!upload) return;
            this.show(upload);
            this.history.reload();
          }
        },
        error: (err: unknown) => {
          this.uploading.set(false);
          this.uploadPercent.set(null);
          this.problem.set(toProblem(err));
        },
      });
  }

  /** Shows an upload; a large one still being read is polled until it is done. */
  private show(upload: SupplierInventoryUpload): void {
    this.current.set(upload);
    this.poll?.unsubscribe();
    if (upload.status !== 'PROCESSING') {
      this.announce(upload);
      return;
    }
    this.poll = timer(POLL_MS, POLL_MS)
      .pipe(
        switchMap(() => this.client.get(upload.id)),
        takeWhile((u) => u.status === 'PROCESSING', true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (u) => {
          this.current.set(u);
          if (u.status !== 'PROCESSING') {
            this.announce(u);
            this.history.reload();
          }
        },
        error: (err: unknown) => this.problem.set(toProblem(err)),
      });
  }

  private announce(upload: SupplierInventoryUpload): void {
    if (upload.status === 'APPLIED') {
      this.notifier.success(
        upload.unchanged ? 'upload.doneUnchanged' : 'upload.doneApplied',
      );
    } else if (upload.status === 'VALIDATED') {
      this.notifier.info('upload.doneValidated');
    }
  }

  // ---- after it

  protected apply(upload: SupplierInventoryUpload): void {
    if (this.applying()) return;
    this.applying.set(true);
    this.problem.set(null);
    this.client.apply(upload.id).subscribe({
      next: (applied) => {
        this.applying.set(false);
        this.show(applied);
        this.history.reload();
      },
      error: (err: unknown) => {
        this.applying.set(false);
        this.problem.set(toProblem(err));
      },
    });
  }

  protected open(summary: SupplierInventoryUploadSummary): void {
    this.problem.set(null);
    this.client.get(summary.id).subscribe({
      next: (upload) => this.show(upload),
      error: (err: unknown) => this.notifier.problem(toProblem(err)),
    });
  }

  protected downloadTemplate(lang: Lang): void {
    this.client.template(lang, this.buyerOrgId()).subscribe({
      next: (res) =>
        saveBlob(
          res.body ?? new Blob(),
          fileNameOf(res, `supplier-inventory-template${lang === 'zh' ? '-zh' : ''}.xlsx`),
        ),
      error: (err: unknown) => this.notifier.problem(toProblem(err)),
    });
  }

  protected downloadErrors(upload: SupplierInventoryUpload): void {
    if (this.downloading()) return;
    this.downloading.set(true);
    this.client.errorWorkbook(upload.id, this.i18n.lang()).subscribe({
      next: (res) => {
        this.downloading.set(false);
        saveBlob(res.body ?? new Blob(), fileNameOf(res, `errors-${upload.fileName}.xlsx`));
      },
      error: (err: unknown) => {
        this.downloading.set(false);
        this.notifier.problem(toProblem(err));
      },
    });
  }
}
