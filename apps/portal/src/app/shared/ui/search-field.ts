import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  inject,
  input,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from './icon';

/** A search box that tells the page what to send to the server, after typing pauses. */
@Component({
  selector: 'sb-search-field',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    Icon,
    TranslatePipe,
  ],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <sb-icon matPrefix name="search" class="prefix" />
      <input
        matInput
        type="search"
        [formControl]="query"
        [attr.data-testid]="testId()"
        autocomplete="off"
      />
      @if (query.value) {
        <button
          matSuffix
          mat-icon-button
          type="button"
          (click)="query.setValue('')"
          [attr.aria-label]="'common.clearSearch' | t"
        >
          <sb-icon name="close" />
        </button>
      }
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: min(360px, 100%);
    }
    .prefix {
      margin: 0 4px 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchField implements OnInit {
  readonly label = input.required<string>();
  readonly initial = input('');
  readonly testId = input('search');
  readonly searched = output<string>();

  protected readonly query = new FormControl('', { nonNullable: true });
  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    this.query.setValue(this.initial(), { emitEvent: false });
    this.query.valueChanges
      .pipe(
        debounceTime(300),
        map((v) => v.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((v) => this.searched.emit(v));
  }
}
