/**
 * Inbox priority of warnings (docs/forecasting.md "Priority"): a warning key — (kind, location,
 * item, owner) — whose warnings planners have acknowledged at least 3 times within 30 days,
 * with no action on that (location, item) since the earliest of those acknowledgements counted
 * (a call-off created, a transfer posted, the stock policy changed), is noise to them: its
 * warnings get priority LOW and sort after the others. Any such action (or the acknowledgements
 * ageing out of the window) lifts it back to NORMAL.
 */

import type { WarningPriority } from '@stockbridge/shared';

export const DEMOTION_ACKNOWLEDGEMENTS = 3;
export const DEMOTION_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * The priority of a warning key from its acknowledgement instants and the instant of the last
 * action on its (location, item): acknowledgements count when they lie within the window
 * before `asOf` and after the last action.
 */
export function warningPriority(acknowledgedAt: readonly string[], lastActionAt: string | null, asOf: string): WarningPriority {
  const now = Date.parse(asOf);
  const action = lastActionAt === null ? -Infinity : Date.parse(lastActionAt);
  if (Number.isNaN(now) || Number.isNaN(action)) {
    throw new RangeError('ISO-8601 instants are required');
  }
  const since = Math.max(now - DEMOTION_WINDOW_DAYS * DAY_MS, action);
  const counted = acknowledgedAt.filter((a) => {
    const t = Date.parse(a);
    if (Number.isNaN(t)) {
      throw new RangeError(`"${a}" is not an ISO-8601 instant`);
    }
    return t > since && t <= now;
  }).length;
  return counted >= DEMOTION_ACKNOWLEDGEMENTS ? 'LOW' : 'NORMAL';
}
