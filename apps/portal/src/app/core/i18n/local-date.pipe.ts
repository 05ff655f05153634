import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService } from './i18n.service';

const FORMATS = {
  date: { year: 'numeric', month: '2-digit', day: '2-digit' },
  dateTime: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Formats an ISO timestamp in the portal's language with `Intl` (no Angular locale data to
 * ship). Not pure for the same reason as the `t` pipe: it follows the language signal.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(
    value: string | null | undefined,
    format: keyof typeof FORMATS = 'date',
  ): string {
    if (!value) return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(this.i18n.locale(), FORMATS[format]).format(
      date,
    );
  }
}
