import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
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
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { CallOff, CallOffLine, MAX_QTY_DECIMALS } from '@stockbridge/shared';
import { toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Notifier } from '../../core/notify/notifier';
import { isPositiveQty } from '../../shared/decimal';
import {
  provideBusinessDates,
  toBusinessDate,
} from '../../shared/forms/business-date';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { ProblemAlert } from '../../shared/forms/problem-alert';
import { remapLineIndexes } from '../../shared/forms/server-errors';
import { decimalValidator } from '../../shared/forms/validators';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';
import { CallOffStatusChip } from '../call-offs/chain-status';
import { CallOffsClient } from '../call-offs/data/call-offs-client';
import { ShipmentsClient } from './data/shipments-client';

type AsnLineForm = FormGroup<{
  callOffLineId: FormControl<string>;
  qty: FormControl<string>;
  lotNo: FormControl<string>;
  expiryDate: FormControl<Date | null>;
}>;

/**
 * The supplier's shipping notice against a confirmed call-off: a quantity per line (blank =
 * not on this ASN), optional lot and expiry; a line may be split into several lots.
 */
@Component({
  selector: 'sb-shipment-form-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    RouterLink,
    PageHeader,
    CallOffStatusChip,
    FieldError,
    ProblemAlert,
    Icon,
    TranslatePipe,
  ],
  providers: [provideBusinessDates()],
  templateUrl: './shipment-form-page.html',
  styleUrl: './shipment-form-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShipmentFormPage {
  /** Query parameter `?callOffId=`. */
  readonly callOffId = input<string>('');

  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly callOffs = inject(CallOffsClient);
  private readonly client = inject(ShipmentsClient);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly problems = inject(ProblemMessages);

  protected readonly callOff = rxResource({
    params: () => this.callOffId() || undefined,
    stream: ({ params }) => this.callOffs.get(params),
  });
  protected readonly loadProblem = computed(() => {
    const error = this.callOff.error();
    return error ? this.problems.message(toProblem(error)) : null;
  });

  protected readonly form = this.fb.group({
    lines: this.fb.array<AsnLineForm>([]),
  });
  protected readonly submission = new FormSubmission(this.form);
  /** The call-off line of each form line, by id. */
  private linesById = new Map<string, CallOffLine>();

  constructor() {
    effect(() => {
      const callOff = this.callOff.value();
      if (callOff) this.reset(callOff);
    });
  }

  protected get lines(): FormArray<AsnLineForm> {
    return this.form.controls.lines;
  }

  protected lineOf(form: AsnLineForm): CallOffLine | undefined {
    return this.linesById.get(form.controls.callOffLineId.value);
  }

  private newLine(line: CallOffLine, qty: string): AsnLineForm {
    return this.fb.group({
      callOffLineId: [line.id],
      qty: [qty, [decimalValidator({ maxDecimals: MAX_QTY_DECIMALS })]],
      lotNo: ['', [Validators.maxLength(64)]],
      expiryDate: new FormControl<Date | null>(null),
    });
  }

  /** One form line per call-off line that may still be shipped, proposing what is open. */
  private reset(callOff: CallOff): void {
    this.linesById = new Map(callOff.lines.map((l) => [l.id, l]));
    this.lines.clear();
    for (const line of callOff.lines) {
      if (line.closed || !isPositiveQty(line.maxShippableQty)) continue;
      this.lines.push(this.newLine(line, openQty(line)));
    }
  }

  /** Another lot of the same call-off line, right under it. */
  protected splitLot(index: number): void {
    const line = this.lineOf(this.lines.at(index));
    if (line) this.lines.insert(index + 1, this.newLine(line, ''));
  }

  protected removeLot(index: number): void {
    this.lines.removeAt(index);
  }

  /** The second and later lots of a call-off line can be removed. */
  protected isExtraLot(index: number): boolean {
    return (
      index > 0 &&
      this.lines.at(index - 1).controls.callOffLineId.value ===
        this.lines.at(index).controls.callOffLineId.value
    );
  }

  protected submit(callOff: CallOff): void {
    const all = this.form.getRawValue().lines;
    const sent = all
      .map((l, index) => ({ l, index }))
      .filter(({ l }) => isPositiveQty(l.qty.trim()));
    const lines = sent.map(({ l }) => ({
      callOffLineId: l.callOffLineId,
      qty: l.qty.trim(),
      lotNo: l.lotNo.trim() || null,
      expiryDate: toBusinessDate(l.expiryDate),
    }));
    if (!lines.length) {
      this.notifier.info('asn.nothingToShip');
      return;
    }
    this.submission.run(
      () =>
        this.client
          .create({ callOffId: callOff.id, lines })
          .pipe(remapLineIndexes(sent.map(({ index }) => index))),
      (shipment) => {
        this.notifier.success('asn.created', { number: shipment.number });
        void this.router.navigate(['/shipments', shipment.id]);
      },
    );
  }
}

/** Confirmed minus shipped, when positive: what the supplier still owes on the line. */
function openQty(line: CallOffLine): string {
  const confirmed = line.confirmedQty ?? '0';
  // Without a decimal library the portal proposes the confirmed quantity only for lines not
  // shipped yet; a partly shipped line is left for the person to fill in.
  return !isPositiveQty(line.shippedQty) && isPositiveQty(confirmed)
    ? confirmed
    : '';
}
