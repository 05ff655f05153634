import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import {
  FormArray,
  FormBuilder,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { MAX_QTY_DECIMALS } from '@stockbridge/shared';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { LocationDirectory } from '../../shared/directory/location-directory';
import { ItemField } from '../../shared/directory/item-field';
import { OrgDirectory } from '../../shared/directory/org-directory';
import {
  daysFromToday,
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import {
  decimalValidator,
  positiveValidator,
} from '../../shared/forms/validators';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { CallOffsClient } from './data/call-offs-client';

type LineForm = FormGroup<{
  itemCode: FormControl<string>;
  qty: FormControl<string>;
  needBy: FormControl<Date | null>;
}>;

/** A planner issues a call-off: one supplier, one VMI location, lines of (item, qty, need-by). */
@Component({
  selector: 'sb-call-off-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    RouterLink,
    PageHeader,
    ItemField,
    FieldError,
    ProblemAlert,
    Icon,
    TranslatePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './call-off-form-page.html',
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .head mat-form-field {
      flex: 1 1 260px;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 8px 0 12px;
    }
    .line {
      display: grid;
      grid-template-columns: 32px minmax(220px, 2fr) minmax(120px, 1fr) minmax(160px, 1fr) 48px;
      gap: 0 12px;
      align-items: start;
    }
    .line-no {
      padding-top: 16px;
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }
    .line mat-form-field {
      width: 100%;
    }
    .line button {
      margin-top: 4px;
    }
    .actions {
      display: flex;
      justify-content: space-between;
      gap: 8px;
      margin-top: 8px;
    }
    .back {
      margin: 0 0 4px -12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallOffFormPage {
  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly client = inject(CallOffsClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly orgs = inject(OrgDirectory);
  protected readonly locations = inject(LocationDirectory);

  protected readonly form = this.fb.group({
    supplierOrgId: ['', Validators.required],
    locationCode: ['', Validators.required],
    lines: this.fb.array<LineForm>([this.newLine()]),
  });
  protected readonly submission = new FormSubmission(this.form);
  protected readonly today = daysFromToday(0);

  protected get lines(): FormArray<LineForm> {
    return this.form.controls.lines;
  }

  private newLine(): LineForm {
    return this.fb.group({
      itemCode: ['', [Validators.required, Validators.maxLength(40)]],
      qty: [
        '',
        [
          Validators.required,
          decimalValidator({ maxDecimals: MAX_QTY_DECIMALS }),
          positiveValidator,
        ],
      ],
      needBy: new FormControl<Date | null>(daysFromToday(7), Validators.required),
    });
  }

  protected addLine(): void {
    const last = this.lines.at(this.lines.length - 1);
    const line = this.newLine();
    // Same need-by as the line above: call-offs are usually for one delivery.
    if (last?.controls.needBy.value) line.controls.needBy.setValue(last.controls.needBy.value);
    this.lines.push(line);
  }

  protected removeLine(index: number): void {
    if (this.lines.length > 1) this.lines.removeAt(index);
  }

  protected submit(): void {
    const value = this.form.getRawValue();
    this.submission.run(
      () =>
        this.client.create({
          supplierOrgId: value.supplierOrgId,
          locationCode: value.locationCode,
          lines: value.lines.map((l) => ({
            itemCode: l.itemCode.trim(),
            qty: l.qty.trim(),
            needBy: toBusinessDate(l.needBy) ?? '',
          })),
        }),
      (callOff) => {
        this.notifier.success('callOffs.created', { number: callOff.number });
        void this.router.navigate(['/call-offs', callOff.id]);
      },
    );
  }
}
