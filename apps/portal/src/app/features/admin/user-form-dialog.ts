import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  FormBuilder,
  FormControl,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { BUYER_ROLES, Role, SUPPLIER_ROLES, User } from '@stockbridge/shared';
import { TranslationKey } from '../../core/i18n/en';
import { roleKey } from '../../core/i18n/keys';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { FieldError } from '../../shared/forms/field-error';
import { FormSubmission } from '../../shared/forms/form-submission';
import { DialogForm } from '../../shared/forms/dialog-form';
import { UsersClient } from './data/users-client';
import {
  OrgAutocomplete,
  OrgChoice,
  isOrganization,
  orgSelectedValidator,
} from './org-autocomplete';

interface RoleGroup {
  labelKey: TranslationKey;
  roles: readonly Role[];
}

const ROLE_GROUPS: readonly RoleGroup[] = [
  { labelKey: 'admin.users.buyerRoles', roles: BUYER_ROLES },
  { labelKey: 'admin.users.supplierRoles', roles: SUPPLIER_ROLES },
];

/**
 * Buyer roles belong to buyer organisations and supplier roles to suppliers (the API refuses
 * anything else). Platform admins are not created here: they belong to no organisation.
 */
function fitsOrg(role: Role, org: OrgChoice): boolean {
  if (!isOrganization(org)) return true;
  return (org.type === 'BUYER' ? BUYER_ROLES : SUPPLIER_ROLES).includes(role);
}

@Component({
  selector: 'sb-user-form-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldError,
    DialogForm,
    OrgAutocomplete,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'admin.users.dialogTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <sb-dialog-form
        [submission]="submission"
        submitKey="common.create"
        submitTestId="user-submit"
      >
        <div class="sb-form">
          <mat-form-field>
            <mat-label>{{ 'admin.users.email' | t }}</mat-label>
            <input
              matInput
              type="email"
              formControlName="email"
              data-testid="user-email-input"
              autocomplete="off"
              required
            />
            <mat-error
              ><sb-field-error [errors]="form.controls.email.errors"
            /></mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'admin.users.password' | t }}</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              data-testid="user-password"
              autocomplete="new-password"
              required
            />
            <mat-hint>{{ 'admin.users.passwordHint' | t }}</mat-hint>
            <mat-error
              ><sb-field-error [errors]="form.controls.password.errors"
            /></mat-error>
          </mat-form-field>
          <sb-org-autocomplete
            [control]="form.controls.orgId"
            [label]="'admin.users.org' | t"
            testId="user-org"
          />
          <mat-form-field>
            <mat-label>{{ 'admin.users.roles' | t }}</mat-label>
            <mat-select
              formControlName="roles"
              multiple
              data-testid="user-roles-select"
              required
            >
              @for (group of roleGroups; track group.labelKey) {
                <mat-optgroup [label]="group.labelKey | t">
                  @for (role of group.roles; track role) {
                    <mat-option
                      [value]="role"
                      [disabled]="!allowed()(role)"
                      [attr.data-testid]="'role-' + role"
                    >
                      {{ roleKey(role) | t }}
                    </mat-option>
                  }
                </mat-optgroup>
              }
            </mat-select>
            <mat-hint>{{ 'admin.users.rolesHint' | t }}</mat-hint>
            <mat-error
              ><sb-field-error [errors]="form.controls.roles.errors"
            /></mat-error>
          </mat-form-field>
        </div>
      </sb-dialog-form>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserFormDialog {
  private readonly client = inject(UsersClient);
  private readonly dialogRef =
    inject<MatDialogRef<UserFormDialog, User>>(MatDialogRef);

  protected readonly roleGroups = ROLE_GROUPS;
  protected readonly roleKey = roleKey;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: [
      '',
      [Validators.required, Validators.email, Validators.maxLength(254)],
    ],
    password: [
      '',
      [
        Validators.required,
        Validators.minLength(10),
        Validators.maxLength(256),
      ],
    ],
    orgId: new FormControl<OrgChoice>(null, [
      Validators.required,
      orgSelectedValidator,
    ]),
    roles: [[] as Role[], Validators.required],
  });
  protected readonly submission = new FormSubmission(this.form, 'email');

  private readonly org = toSignal(this.form.controls.orgId.valueChanges, {
    initialValue: null,
  });
  protected readonly allowed = computed(() => {
    const org = this.org();
    return (role: Role) => fitsOrg(role, org);
  });

  constructor() {
    // Picking another organisation drops the roles that do not fit it.
    this.form.controls.orgId.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((org) => {
        const roles = this.form.controls.roles;
        const kept = roles.value.filter((role) => fitsOrg(role, org));
        if (kept.length !== roles.value.length) roles.setValue(kept);
      });
  }

  protected submit(): void {
    const { email, password, orgId, roles } = this.form.getRawValue();
    if (!isOrganization(orgId)) {
      this.form.markAllAsTouched();
      return;
    }
    this.submission.run(
      () =>
        this.client.create({
          email: email.trim(),
          password,
          orgId: orgId.id,
          roles,
        }),
      (user) => this.dialogRef.close(user),
    );
  }
}
