import { LocationType, OrgType, Role } from '@stockbridge/shared';
import { TranslationKey } from './en';

/*
 * Dictionary keys for enum values. Templates cannot build a typed key by concatenation, so
 * components expose these: `{{ orgTypeKey(org.type) | t }}`.
 */
export const orgTypeKey = (type: OrgType) =>
  `orgType.${type}` as const satisfies TranslationKey;
export const roleKey = (role: Role) =>
  `role.${role}` as const satisfies TranslationKey;
export const locationTypeKey = (type: LocationType) =>
  `locationType.${type}` as const satisfies TranslationKey;
