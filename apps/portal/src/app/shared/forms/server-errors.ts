import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormGroup } from '@angular/forms';
import { ProblemFieldError } from '@stockbridge/shared';
import { Observable, catchError, throwError } from 'rxjs';
import { ClientProblem } from '../../core/http/problem';

/** Stored under the `server` error key of a control, translated when shown. */
export type ServerFieldError = Pick<ProblemFieldError, 'code' | 'message'>;

/** `lines[0].qty` and `lines.0.qty` both name `lines.0.qty` in a reactive form. */
function controlFor(form: FormGroup, path: string): AbstractControl | null {
  const normalized = path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
  return form.get(normalized) ?? form.get(normalized.split('.')[0]);
}

/**
 * Puts a problem's `errors[]` under the fields they name (matching `path`), and a 409
 * DUPLICATE on `duplicateField`. Returns the field errors that match no control, for the
 * form-level alert. A server error clears itself as soon as the field changes.
 */
export function applyProblemToForm(
  form: FormGroup,
  problem: ClientProblem,
  duplicateField?: string,
): ProblemFieldError[] {
  const unmatched: ProblemFieldError[] = [];
  for (const error of problem.errors ?? []) {
    const control = error.path ? controlFor(form, error.path) : null;
    if (!control) {
      unmatched.push(error);
      continue;
    }
    const server: ServerFieldError = {
      code: error.code,
      message: error.message,
    };
    control.setErrors({ ...(control.errors ?? {}), server });
    control.markAsTouched();
  }
  if (
    problem.code === 'DUPLICATE' &&
    duplicateField &&
    !problem.errors?.length
  ) {
    const control = form.get(duplicateField);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), duplicate: true });
      control.markAsTouched();
    }
  }
  return unmatched;
}

/**
 * When a form sends only some of its lines (blank ones left out), the server's `lines[i]`
 * paths count the sent lines. This operator rewrites them to the form's own indexes
 * (`sent[i]` = index in the form of the i-th line sent) so the errors land under the right
 * fields.
 */
export function remapLineIndexes<T>(
  sent: readonly number[],
  arrayName = 'lines',
): (source: Observable<T>) => Observable<T> {
  const pattern = new RegExp(`^${arrayName}(?:\\[(\\d+)\\]|\\.(\\d+))`);
  return catchError((err: unknown) => {
    if (!(err instanceof HttpErrorResponse)) return throwError(() => err);
    const body = err.error as { errors?: ProblemFieldError[] } | null;
    if (!body || !Array.isArray(body.errors)) return throwError(() => err);
    const errors = body.errors.map((e) => {
      if (!e.path) return e;
      const path = e.path.replace(pattern, (match, a?: string, b?: string) => {
        const index = sent[Number(a ?? b)];
        return index === undefined ? match : `${arrayName}.${index}`;
      });
      return { ...e, path };
    });
    return throwError(
      () =>
        new HttpErrorResponse({
          error: { ...body, errors },
          headers: err.headers,
          status: err.status,
          statusText: err.statusText,
          url: err.url ?? undefined,
        }),
    );
  });
}
