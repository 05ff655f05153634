import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { AuthStore } from '../../core/auth/auth-store';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { LangSwitch } from '../../core/layout/lang-switch';
import { Logo } from '../../core/layout/logo';
import { FieldError } from '../../shared/forms/field-error';
import { Icon } from '../../shared/ui/icon';

/** Only same-site paths are followed after login (no open redirect through `returnUrl`). */
function safeReturnUrl(url: string | undefined): string {
  return url &&
    url.startsWith('/') &&
    !url.startsWith('//') &&
    !url.startsWith('/login')
    ? url
    : '/';
}

@Component({
  selector: 'sb-login-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    TranslatePipe,
    FieldError,
    Icon,
    Logo,
    LangSwitch,
  ],
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();

  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly problems = inject(ProblemMessages);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: [
      '',
      [Validators.required, Validators.email, Validators.maxLength(254)],
    ],
    password: ['', [Validators.required, Validators.maxLength(256)]],
  });
  protected readonly pending = signal(false);
  protected readonly showPassword = signal(false);
  private readonly problem = signal<ClientProblem | null>(null);

  protected readonly errorText = computed(() => {
    const problem = this.problem();
    if (!problem) return null;
    if (problem.status === 429 || problem.code === 'TOO_MANY_REQUESTS') {
      return problem.retryAfterSeconds
        ? this.i18n.t('login.tooManyWait', {
            seconds: problem.retryAfterSeconds,
          })
        : this.i18n.t('login.tooMany');
    }
    return this.problems.message(problem);
  });

  protected submit(): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.problem.set(null);
    const { email, password } = this.form.getRawValue();
    this.auth.login({ email: email.trim(), password }).subscribe({
      next: () => {
        this.pending.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (err: unknown) => {
        this.pending.set(false);
        this.problem.set(toProblem(err));
      },
    });
  }
}
