import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  effect,
  inject,
  input,
  output,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { HttpClient } from '@angular/common/http';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import {
  MatAutocompleteModule,
  MatAutocompleteSelectedEvent,
} from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Item, Page } from '@stockbridge/shared';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { API_BASE } from '../../core/http/api';
import { toHttpParams } from '../../core/http/query-params';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../forms/field-error';

/**
 * An item-code field with suggestions from the buyer's item master (GET /items?search=).
 * The control holds the code as typed or picked; `picked` tells which item was chosen.
 */
@Component({
  selector: 'sb-item-field',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatAutocompleteModule,
    TranslatePipe,
    FieldError,
  ],
  template: `
    <mat-form-field [subscriptSizing]="dense() ? 'dynamic' : 'fixed'">
      <mat-label>{{ label() || ('items.code' | t) }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="auto"
        [attr.data-testid]="testId()"
        [required]="required()"
        autocomplete="off"
      />
      <mat-autocomplete
        #auto="matAutocomplete"
        (optionSelected)="select($event)"
      >
        @for (item of options() ?? []; track item.id) {
          <mat-option
            [value]="item.code"
            [attr.data-testid]="'item-option-' + item.code"
          >
            <span class="code">{{ item.code }}</span>
            <span class="desc">{{ item.description }}</span>
          </mat-option>
        } @empty {
          @if (options()) {
            <mat-option disabled>{{ 'priceList.noItems' | t }}</mat-option>
          }
        }
      </mat-autocomplete>
      <mat-error><sb-field-error [errors]="control().errors" /></mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
    .code {
      font-weight: 600;
      margin-right: 8px;
    }
    .desc {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ItemField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('');
  readonly testId = input('item-field');
  readonly required = input(false);
  /** No reserved space for the hint/error line (filters, table cells). */
  readonly dense = input(false);
  readonly picked = output<Item>();

  private readonly http = inject(HttpClient);
  private readonly cdr = inject(ChangeDetectorRef);

  /** Null until the first answer (so "no match" is not shown before searching). */
  protected readonly options = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) =>
        control.valueChanges.pipe(startWith(control.value)),
      ),
      map((value) => (value ?? '').trim()),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((search) =>
        this.http
          .get<Page<Item>>(`${API_BASE}/items`, {
            params: toHttpParams({ search, limit: 20, sort: 'code' }),
          })
          .pipe(
            map((page) => page.items),
            catchError(() => of([] as Item[])),
          ),
      ),
    ),
    { initialValue: null },
  );

  constructor() {
    // The control belongs to the parent's form: a submit that marks it touched, or a server
    // error put on it, must repaint this OnPush view too.
    effect((onCleanup) => {
      const sub = this.control().events.subscribe(() => this.cdr.markForCheck());
      onCleanup(() => sub.unsubscribe());
    });
  }

  protected select(event: MatAutocompleteSelectedEvent): void {
    const item = (this.options() ?? []).find(
      (i) => i.code === event.option.value,
    );
    if (item) this.picked.emit(item);
  }
}
