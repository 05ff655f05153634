import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ROLES, ORG_TYPES, type OrgType, type Role } from '@stockbridge/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Principal } from '../../common/auth/principal';

/** Claims Stockbridge puts in its access tokens. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  org: string | null;
  orgType: OrgType | null;
  roles: Role[];
}

/**
 * Verifies HS256 only (never `none` or another algorithm), issuer, audience and expiry.
 *
 * The secret is handed over as a `KeyObject` made once: given a string, jsonwebtoken first
 * tries `createPublicKey(secret)` on every request, which throws and is caught — measured at
 * ~0.5 ms of CPU per request here against ~15 µs with the KeyObject. passport-jwt passes the
 * key through untouched; its typings only know string | Buffer, hence the narrow cast.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${config.jwt.ttlSeconds}s` },
    });
  }

  validate(claims: AccessTokenClaims): Principal | false {
    if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return false;
    if (!claims.roles.every((r) => (ROLES as readonly string[]).includes(r))) return false;
    if (claims.orgType !== null && !(ORG_TYPES as readonly string[]).includes(claims.orgType)) return false;
    return { userId: claims.sub, email: claims.email, orgId: claims.org, orgType: claims.orgType, roles: claims.roles };
  }
}
