import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { LOCATION_TYPES, Location, LocationType } from '@stockbridge/shared';
import { locationTypeKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { DialogForm } from '../../shared/forms/dialog-form';
import { codeValidator } from '../../shared/forms/validators';
import { LocationsClient } from './data/locations-client';

@Component({
  selector: 'sb-location-form-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldError,
    DialogForm,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'locations.dialogTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="common.create"
        submitTestId="location-submit"
      >
        <div class="sb-form">
          <mat-form-field>
            <mat-label>{{ 'locations.code' | t }}</mat-label>
            <input
              matInput
              formControlName="code"
              data-testid="location-code"
              autocomplete="off"
              required
            />
            <mat-hint>{{ 'locations.codeHint' | t }}</mat-hint>
            <mat-error
              ><sb-field-error [errors]="form.controls.code.errors"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'locations.name' | t }}</mat-label>
            <input
              matInput
              formControlName="name"
              data-testid="location-name"
              autocomplete="off"
              required
            />
            <mat-error
              ><sb-field-error [errors]="form.controls.name.errors"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'locations.type' | t }}</mat-label>
            <mat-select
              formControlName="type"
              data-testid="location-type"
              required
            >
              @for (type of types; track type) {
                <mat-option
                  [value]="type"
                  [attr.data-testid]="'location-type-' + type"
                >
                  {{ locationTypeKey(type) | t }}
                </mat-option>
              }
            </mat-select>
            <mat-error
              ><sb-field-error [errors]="form.controls.type.errors"
            /></mat-error>
          </mat-form-field>
        </div>
      </sb-dialog-form>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LocationFormDialog {
  private readonly client = inject(LocationsClient);
  private readonly dialogRef =
    inject<MatDialogRef<LocationFormDialog, Location>>(MatDialogRef);

  protected readonly types = LOCATION_TYPES;
  protected readonly locationTypeKey = locationTypeKey;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    code: ['', [Validators.required, Validators.maxLength(40), codeValidator]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    type: ['VMI' as LocationType, Validators.required],
  });
  protected readonly submission = new FormSubmission(this.form, 'code');

  protected submit(): void {
    const { code, name, type } = this.form.getRawValue();
    this.submission.run(
      () => this.client.create({ code: code.trim(), name: name.trim(), type }),
      (location) => this.dialogRef.close(location),
    );
  }
}
