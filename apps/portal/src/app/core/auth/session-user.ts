import { AuthUser } from '@stockbridge/shared';

/**
 * The signed-in user as `/auth/me` returns it. `orgCode` and `orgName` are optional additions
 * the portal shows when the API sends them (the contract's `AuthUser` names the org by id only).
 */
export interface SessionUser extends AuthUser {
  orgCode?: string;
  orgName?: string;
}
