import { Injectable, Provider, effect, inject } from '@angular/core';
import {
  DateAdapter,
  MAT_DATE_FORMATS,
  MatDateFormats,
  NativeDateAdapter,
} from '@angular/material/core';
import { I18nService } from '../../core/i18n/i18n.service';

const BUSINESS_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day picked in the browser, as the API's business date `YYYY-MM-DD`. */
export function toBusinessDate(date: Date | null | undefined): string | null {
  if (!date || Number.isNaN(date.getTime())) return null;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `YYYY-MM-DD` as a local calendar day (not midnight UTC, which is the day before in the west). */
export function fromBusinessDate(value: string | null | undefined): Date | null {
  const m = value ? BUSINESS_DATE.exec(value.trim()) : null;
  if (!m) return null;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return date.getMonth() === Number(m[2]) - 1 ? date : null;
}

/** Today plus `days`, as a local calendar day. */
export function daysFromToday(days: number): Date {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days);
}

/**
 * Datepicker inputs read and show business dates as `YYYY-MM-DD` in both languages (typing a
 * date is unambiguous, and `Date.parse` would read it as UTC); the calendar's month and day
 * names follow the portal's language.
 */
@Injectable()
export class BusinessDateAdapter extends NativeDateAdapter {
  constructor() {
    super();
    const i18n = inject(I18nService);
    effect(() => this.setLocale(i18n.locale()));
  }

  override parse(value: unknown): Date | null {
    if (value instanceof Date) return value;
    if (typeof value !== 'string' || !value.trim()) return null;
    return fromBusinessDate(value) ?? this.invalid();
  }

  override format(date: Date, displayFormat: object): string {
    if (displayFormat === BUSINESS_DATE_FORMATS.display.dateInput) {
      return toBusinessDate(date) ?? '';
    }
    return super.format(date, displayFormat);
  }
}

export const BUSINESS_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: 'YYYY-MM-DD' },
  display: {
    dateInput: { businessDate: true } as unknown as object,
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

/** Providers for a component with datepickers: `providers: [provideBusinessDates()]`. */
export function provideBusinessDates(): Provider[] {
  return [
    { provide: DateAdapter, useClass: BusinessDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: BUSINESS_DATE_FORMATS },
  ];
}
