import { signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { ProblemFieldError } from '@stockbridge/shared';
import { Observable } from 'rxjs';
import { ClientProblem, toProblem } from '../../core/http/problem';
import { applyProblemToForm } from './server-errors';

/**
 * The submit cycle of a create/edit form: refuse while invalid (showing every message), one
 * request at a time, and on failure the problem spread over the fields.
 */
export class FormSubmission {
  readonly pending = signal(false);
  readonly problem = signal<ClientProblem | null>(null);
  readonly unmatched = signal<readonly ProblemFieldError[]>([]);

  constructor(
    private readonly form: FormGroup,
    /** The field a 409 DUPLICATE without `errors[]` belongs to (usually `code`). */
    private readonly duplicateField?: string,
  ) {}

  run<R>(request: () => Observable<R>, onSuccess: (result: R) => void): void {
    if (this.pending()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.problem.set(null);
    this.unmatched.set([]);
    request().subscribe({
      next: (result) => {
        this.pending.set(false);
        onSuccess(result);
      },
      error: (err: unknown) => {
        const problem = toProblem(err);
        this.unmatched.set(
          applyProblemToForm(this.form, problem, this.duplicateField),
        );
        this.problem.set(problem);
        this.pending.set(false);
      },
    });
  }
}
