import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  ReactiveFormsModule,
  ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { OrgType, Organization } from '@stockbridge/shared';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  map,
  of,
  startWith,
  switchMap,
  tap,
} from 'rxjs';
import { orgTypeKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../../shared/forms/field-error';
import { OrganizationsClient } from './data/organizations-client';

/** While typing the control holds text; picking an option puts the organisation in it. */
export type OrgChoice = Organization | string | null;

export function isOrganization(value: OrgChoice): value is Organization {
  return typeof value === 'object' && value !== null && 'id' in value;
}

/** Typed text is not a choice: the form needs an organisation picked from the list. */
export function orgSelectedValidator(
  control: AbstractControl<OrgChoice>,
): ValidationErrors | null {
  const value = control.value;
  if (value === null || value === '') return null;
  return isOrganization(value) ? null : { orgRequired: true };
}

/** Finds an organisation by code or name on the server (20 at a time) and lets one be picked. */
@Component({
  selector: 'sb-org-autocomplete',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FieldError,
  ],
  template: `
    <mat-form-field [subscriptSizing]="dense() ? 'dynamic' : 'fixed'">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="control()"
        [matAutocomplete]="auto"
        [attr.data-testid]="testId()"
        autocomplete="off"
      />
      <mat-autocomplete #auto="matAutocomplete" [displayWith]="display">
        @for (org of options(); track org.id) {
          <mat-option
            [value]="org"
            [attr.data-testid]="'org-option-' + org.code"
          >
            <span class="code">{{ org.code }}</span>
            <span>{{ org.name }}</span>
            <span class="type">{{ orgTypeKey(org.type) | t }}</span>
          </mat-option>
        } @empty {
          @if (searched()) {
            <mat-option disabled>{{ 'admin.users.noOrgs' | t }}</mat-option>
          }
        }
      </mat-autocomplete>
      @if (!dense()) {
        <mat-hint>{{ 'admin.users.orgHint' | t }}</mat-hint>
      }
      <mat-error><sb-field-error [errors]="control().errors" /></mat-error>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
    .code {
      font-weight: 600;
      margin-right: 8px;
    }
    .type {
      margin-left: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrgAutocomplete implements OnInit {
  readonly control = input.required<FormControl<OrgChoice>>();
  readonly label = input.required<string>();
  readonly testId = input('org-autocomplete');
  /** A filter bar field: no hint line. */
  readonly dense = input(false);
  readonly type = input<OrgType | ''>('');

  private readonly client = inject(OrganizationsClient);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly orgTypeKey = orgTypeKey;
  protected readonly options = signal<readonly Organization[]>([]);
  protected readonly searched = signal(false);

  protected readonly display = (value: OrgChoice): string =>
    isOrganization(value) ? `${value.code} · ${value.name}` : (value ?? '');

  ngOnInit(): void {
    const control = this.control();
    control.valueChanges
      .pipe(
        startWith(control.value),
        filter((value) => !isOrganization(value)),
        map((value) => (typeof value === 'string' ? value.trim() : '')),
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((search) =>
          this.client
            .list(
              { limit: 20, cursor: null, sort: null, order: null },
              { search, type: this.type() },
            )
            .pipe(
              map((page) => page.items),
              catchError(() => of([] as Organization[])),
            ),
        ),
        tap(() => this.searched.set(true)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((items) => this.options.set(items));
  }
}
