/**
 * An amount in its currency, in the portal's locale. Intl.NumberFormat formats a decimal
 * string exactly (ECMA-402 "Intl.NumberFormat v3"), so the API's exact amount is never turned
 * into a float; the cast only satisfies the older lib typings.
 */
export function formatMoney(locale: string, amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
      amount as unknown as number,
    );
  } catch {
    return `${currency} ${amount}`;
  }
}
