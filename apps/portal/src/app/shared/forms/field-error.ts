import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import { ValidationErrors } from '@angular/forms';
import { ProblemMessages } from '../../core/http/problem-messages';
import { I18nService } from '../../core/i18n/i18n.service';
import { ServerFieldError } from './server-errors';

/**
 * The message for a control's first error, in the current language:
 * `<mat-error><sb-field-error [errors]="form.controls.code.errors" /></mat-error>`.
 * Angular replaces `errors` with a new object on every validation, so OnPush sees changes.
 */
@Component({
  selector: 'sb-field-error',
  template: `{{ message() }}`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldError {
  readonly errors = input<ValidationErrors | null>(null);

  private readonly i18n = inject(I18nService);
  private readonly problems = inject(ProblemMessages);

  protected readonly message = computed(() => {
    const errors = this.errors();
    if (!errors) return '';
    const t = this.i18n;
    if (errors['server'])
      return this.problems.fieldMessage(errors['server'] as ServerFieldError);
    if (errors['required']) return t.t('validation.required');
    if (errors['email']) return t.t('validation.email');
    if (errors['maxlength'])
      return t.t('validation.maxLength', {
        max: errors['maxlength'].requiredLength,
      });
    if (errors['minlength'])
      return t.t('validation.minLength', {
        min: errors['minlength'].requiredLength,
      });
    if (errors['code']) return t.t('validation.code');
    if (errors['decimal'])
      return t.t('validation.decimal', { max: errors['decimal'].max });
    if (errors['integer']) return t.t('validation.integer');
    if (errors['positive']) return t.t('validation.positive');
    if (errors['matDatepickerParse']) return t.t('validation.date');
    if (errors['matDatepickerMin'] || errors['matDatepickerMax'])
      return t.t('validation.dateRange');
    if (errors['min']) return t.t('validation.min', { min: errors['min'].min });
    if (errors['max']) return t.t('validation.max', { max: errors['max'].max });
    if (errors['currency']) return t.t('validation.currency');
    if (errors['rolesForOrg']) return t.t('validation.rolesForOrg');
    if (errors['orgRequired']) return t.t('validation.orgRequired');
    if (errors['duplicate']) return t.t('validation.duplicate');
    return t.t('validation.invalid');
  });
}
