import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser, LoginResponse } from '@stockbridge/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Db } from '../../database/db.service';
import { AppError } from '../../common/errors';
import type { Principal } from '../../common/auth/principal';
import type { AccessTokenClaims } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { dummyPasswordHash, verifyPassword } from './password';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  org_id: string | null;
  org_type: AuthUser['orgType'];
  org_code: string | null;
  org_name: string | null;
  roles: AuthUser['roles'];
}

@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.throttle = new LoginThrottle(config.loginMaxFailures, config.loginWindowSeconds * 1000);
  }

  async login(email: string, password: string, clientIp: string): Promise<LoginResponse> {
    const keys = [`email:${email.toLowerCase()}`, `ip:${clientIp}`];
    if (this.throttle.isBlocked(keys)) {
      throw new AppError('TOO_MANY_REQUESTS', 'Too many failed logins; try again later', undefined, {
        retryAfterSeconds: this.throttle.retryAfterSeconds(keys),
      });
    }
    const [user] = await this.db.query<UserRow>(
      `SELECT u.id, u.email, u.password_hash, u.org_id, o.type AS org_type, o.code AS org_code, o.name AS org_name, u.roles
         FROM users u LEFT JOIN organizations o ON o.id = u.org_id
        WHERE lower(u.email) = lower($1)`,
      [email],
    );
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      this.throttle.recordFailure(keys);
      throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
    }
    this.throttle.reset([`email:${email.toLowerCase()}`]);
    const authUser: AuthUser = {
      id: user.id,
      email: user.email,
      orgId: user.org_id ?? '',
      orgType: user.org_type,
      roles: user.roles,
      ...(user.org_code ? { orgCode: user.org_code, orgName: user.org_name ?? '' } : {}),
    };
    const claims: AccessTokenClaims = { sub: user.id, email: user.email, org: user.org_id, orgType: user.org_type, roles: user.roles };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      secret: this.config.jwt.secret,
      issuer: this.config.jwt.issuer,
      audience: this.config.jwt.audience,
      expiresIn: this.config.jwt.ttlSeconds,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwt.ttlSeconds, user: authUser };
  }

  async me(p: Principal): Promise<AuthUser> {
    const [org] = p.orgId ? await this.db.query<{ code: string; name: string }>(`SELECT code, name FROM organizations WHERE id = $1`, [p.orgId]) : [];
    return { id: p.userId, email: p.email, orgId: p.orgId ?? '', orgType: p.orgType, roles: p.roles, ...(org ? { orgCode: org.code, orgName: org.name } : {}) };
  }
}
