import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ORG_TYPES, OrgType, Organization } from '@stockbridge/shared';
import { orgTypeKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { DialogForm } from '../../shared/forms/dialog-form';
import { codeValidator } from '../../shared/forms/validators';
import { OrganizationsClient } from './data/organizations-client';

@Component({
  selector: 'sb-organization-form-dialog',
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
    <h2 mat-dialog-title>{{ 'admin.orgs.dialogTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="common.create"
        submitTestId="org-submit"
      >
        <div class="sb-form">
          <mat-form-field>
            <mat-label>{{ 'admin.orgs.code' | t }}</mat-label>
            <input
              matInput
              formControlName="code"
              data-testid="org-code"
              autocomplete="off"
              required
            />
            <mat-hint>{{ 'admin.orgs.codeHint' | t }}</mat-hint>
            <mat-error
              ><sb-field-error [errors]="form.controls.code.errors"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'admin.orgs.name' | t }}</mat-label>
            <input
              matInput
              formControlName="name"
              data-testid="org-name"
              autocomplete="off"
              required
            />
            <mat-error
              ><sb-field-error [errors]="form.controls.name.errors"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'admin.orgs.type' | t }}</mat-label>
            <mat-select formControlName="type" data-testid="org-type" required>
              @for (type of orgTypes; track type) {
                <mat-option
                  [value]="type"
                  [attr.data-testid]="'org-type-' + type"
                  >{{ orgTypeKey(type) | t }}</mat-option
                >
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
export class OrganizationFormDialog {
  private readonly client = inject(OrganizationsClient);
  private readonly dialogRef =
    inject<MatDialogRef<OrganizationFormDialog, Organization>>(MatDialogRef);

  protected readonly orgTypes = ORG_TYPES;
  protected readonly orgTypeKey = orgTypeKey;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    code: ['', [Validators.required, Validators.maxLength(40), codeValidator]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    type: ['BUYER' as OrgType, Validators.required],
  });
  protected readonly submission = new FormSubmission(this.form, 'code');

  protected submit(): void {
    const { code, name, type } = this.form.getRawValue();
    this.submission.run(
      () => this.client.create({ code: code.trim(), name: name.trim(), type }),
      (org) => this.dialogRef.close(org),
    );
  }
}
