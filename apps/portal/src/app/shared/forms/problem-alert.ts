import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
} from '@angular/core';
import { ProblemFieldError } from '@stockbridge/shared';
import { ClientProblem } from '../../core/http/problem';
import { ProblemMessages } from '../../core/http/problem-messages';
import { Icon } from '../ui/icon';

/** A form-level error: the problem's message and the field errors no field could show. */
@Component({
  selector: 'sb-problem-alert',
  imports: [Icon],
  template: `
    @if (problem(); as p) {
      <div class="alert" role="alert" data-testid="form-error">
        <sb-icon name="error" />
        <div>
          <p class="message">{{ problems.message(p) }}</p>
          @if (unmatched().length) {
            <ul>
              @for (e of unmatched(); track $index) {
                <li>
                  @if (e.path || e.column) {
                    <code>{{ e.path ?? e.column }}</code>
                  }
                  {{ problems.fieldMessage(e) }}
                </li>
              }
            </ul>
          }
        </div>
      </div>
    }
  `,
  styles: `
    .alert {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      margin-bottom: 16px;
      border-radius: 8px;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      font: var(--mat-sys-body-medium);
    }
    .message {
      margin: 2px 0 0;
    }
    ul {
      margin: 4px 0 0;
      padding-left: 18px;
    }
    code {
      font-size: 0.85em;
      margin-right: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemAlert {
  readonly problem = input<ClientProblem | null>(null);
  readonly unmatched = input<readonly ProblemFieldError[]>([]);
  protected readonly problems = inject(ProblemMessages);
}
