import { HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { DemandUpload, DemandUploadError } from '@stockbridge/shared';
import { Subscription } from 'rxjs';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { fileNameOf, saveBlob } from '../../shared/files/save-file';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import { Icon } from '../../shared/ui/icon';
import { UploadStatusChip } from '../supplier-inventory/upload-status';
import { DemandsClient } from './data/demands-client';

/**
 * Import demands from a spreadsheet, the way the supplier upload page works: drop or pick the
 * file, optionally check it first (dry run), watch it upload, read every problem in a table
 * (and in the error workbook). `imported` fires when demands were created.
 */
@Component({
  selector: 'sb-demand-import-panel',
  imports: [MatButtonModule, MatCardModule, MatProgressBarModule, MatSlideToggleModule, MatTableModule, ProblemAlert, UploadStatusChip, Icon, TranslatePipe],
  templateUrl: './demand-import-panel.html',
  // The supplier upload page's look (drop zone, totals, progress, problems), shared rather than copied.
  styleUrl: '../supplier-inventory/upload-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DemandImportPanel {
  private readonly client = inject(DemandsClient);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18nService);

  readonly imported = output<DemandUpload>();

  protected readonly file = signal<File | null>(null);
  protected readonly dryRun = signal(true);
  protected readonly dragging = signal(false);
  protected readonly uploading = signal(false);
  protected readonly uploadPercent = signal<number | null>(null);
  protected readonly downloading = signal(false);
  protected readonly problem = signal<ClientProblem | null>(null);
  protected readonly result = signal<DemandUpload | null>(null);
  protected readonly canSubmit = computed(() => !!this.file() && !this.uploading());
  protected readonly errorColumns = ['row', 'column', 'value', 'message'] as const;

  private send: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.send?.unsubscribe());
  }

  protected message(e: DemandUploadError): string {
    return this.i18n.lang() === 'zh' && e.messageZh ? e.messageZh : e.message;
  }

  protected notice(n: { message: string; messageZh: string }): string {
    return this.i18n.lang() === 'zh' && n.messageZh ? n.messageZh : n.message;
  }

  protected cell(value: DemandUploadError['value']): string {
    return value === null || value === undefined ? '' : String(value);
  }

  protected onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.choose(input.files?.[0] ?? null);
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

  /** Sends the chosen file; `dryRun` overrides the toggle (the "import it now" button after a check). */
  protected submit(dryRun = this.dryRun()): void {
    const file = this.file();
    if (!file || this.uploading()) return;
    this.problem.set(null);
    this.result.set(null);
    this.uploading.set(true);
    this.uploadPercent.set(0);
    this.send = this.client.upload(file, dryRun).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.uploadPercent.set(event.total ? Math.round((event.loaded / event.total) * 100) : null);
        } else if (event.type === HttpEventType.Response) {
          this.uploading.set(false);
          this.uploadPercent.set(100);
          const upload = event.body;
          if (!upload) return;
          this.result.set(upload);
          if (upload.status === 'VALIDATED') this.notifier.info('demands.doneValidated');
          if (upload.status === 'APPLIED' && upload.createdDemands > 0) {
            this.notifier.success('demands.doneApplied');
            this.imported.emit(upload);
          }
        }
      },
      error: (err: unknown) => {
        this.uploading.set(false);
        this.uploadPercent.set(null);
        this.problem.set(toProblem(err));
      },
    });
  }

  protected downloadErrors(upload: DemandUpload): void {
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
