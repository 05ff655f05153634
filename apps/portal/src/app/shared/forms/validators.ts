import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Codes: letters, digits and `- _ .`, no spaces (the API compares them exactly). */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function blank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

export function codeValidator(
  control: AbstractControl<string | null>,
): ValidationErrors | null {
  return blank(control.value) || CODE_PATTERN.test(String(control.value))
    ? null
    : { code: true };
}

/**
 * A non-negative decimal string with at most `maxDecimals` decimals, optionally bounded.
 * Bounds compare as numbers, which is exact enough for a bound check; the value itself stays
 * a string and is sent as one.
 */
export function decimalValidator(opts: {
  maxDecimals: number;
  min?: number;
  max?: number;
}): ValidatorFn {
  const pattern =
    opts.maxDecimals > 0
      ? new RegExp(`^\\d+(\\.\\d{1,${opts.maxDecimals}})?$`)
      : /^\d+$/;
  return (control) => {
    if (blank(control.value)) return null;
    const text = String(control.value).trim();
    if (!pattern.test(text)) return { decimal: { max: opts.maxDecimals } };
    const value = Number(text);
    if (opts.min !== undefined && value < opts.min)
      return { min: { min: opts.min, actual: text } };
    if (opts.max !== undefined && value > opts.max)
      return { max: { max: opts.max, actual: text } };
    return null;
  };
}

export function integerValidator(
  control: AbstractControl,
): ValidationErrors | null {
  if (blank(control.value)) return null;
  return /^\d+$/.test(String(control.value).trim()) ? null : { integer: true };
}

export function currencyValidator(
  control: AbstractControl<string | null>,
): ValidationErrors | null {
  return blank(control.value) || /^[A-Z]{3}$/.test(String(control.value))
    ? null
    : { currency: true };
}

/** A decimal that must be greater than zero (quantities of orders, shipments, postings). */
export function positiveValidator(
  control: AbstractControl,
): ValidationErrors | null {
  if (blank(control.value)) return null;
  const text = String(control.value).trim();
  return /^\d+(\.\d+)?$/.test(text) && /[1-9]/.test(text)
    ? null
    : { positive: true };
}
