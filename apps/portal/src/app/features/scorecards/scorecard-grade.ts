import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ScorecardGrade } from '@stockbridge/shared';
import { ChipTone, StatusChip } from '../../shared/ui/status-chip';

const TONES: Record<ScorecardGrade, ChipTone> = {
  A: 'success',
  B: 'info',
  C: 'warning',
  D: 'danger',
};

/** A scorecard's grade as a coloured chip (A green … D red); a dash without a score. */
@Component({
  selector: 'sb-scorecard-grade',
  imports: [StatusChip],
  template: `
    @if (grade(); as g) {
      <sb-status-chip [label]="g" [tone]="tones[g]" [status]="g" />
    } @else {
      <span class="none">—</span>
    }
  `,
  styles: `
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScorecardGradeChip {
  readonly grade = input.required<ScorecardGrade | null>();
  protected readonly tones = TONES;
}
