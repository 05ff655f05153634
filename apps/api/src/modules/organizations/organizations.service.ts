import { Injectable } from '@nestjs/common';
import { BUYER_ROLES, SUPPLIER_ROLES, type Organization, type Page, type User } from '@stockbridge/shared';
import { Db, sqlState } from '../../database/db.service';
import { AppError, notFound } from '../../common/errors';
import { keysetPage, sortSpec, isoSortKey, containsPattern } from '../../common/http/paging';
import { hashPassword } from '../auth/password';
import type { CreateOrganizationDto, CreateUserDto, OrganizationQueryDto, UserQueryDto } from './dto/organization.dto';

interface OrgRow {
  id: string;
  code: string;
  name: string;
  type: Organization['type'];
  created_at: Date;
  sort_key: string;
}
interface UserRow {
  id: string;
  email: string;
  org_id: string;
  roles: User['roles'];
  created_at: Date;
  sort_key: string;
}

const toOrg = (r: OrgRow): Organization => ({ id: r.id, code: r.code, name: r.name, type: r.type, createdAt: r.created_at.toISOString() });
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, orgId: r.org_id, roles: r.roles, createdAt: r.created_at.toISOString() });

/** The platform operator's work: organisations and their users. */
@Injectable()
export class OrganizationsService {
  constructor(private readonly db: Db) {}

  async createOrganization(dto: CreateOrganizationDto): Promise<Organization> {
    try {
      const [row] = await this.db.query<OrgRow>(
        `INSERT INTO organizations (code, name, type) VALUES ($1, $2, $3) RETURNING id, code, name, type, created_at`,
        [dto.code, dto.name, dto.type],
      );
      return toOrg(row as OrgRow);
    } catch (e) {
      if (sqlState(e) === '23505') throw new AppError('DUPLICATE', `An organization with code ${dto.code} already exists`);
      throw e;
    }
  }

  listOrganizations(q: OrganizationQueryDto): Promise<Page<Organization>> {
    const sort = sortSpec(q, { code: 'code', name: 'name', createdAt: isoSortKey('created_at') }, 'code');
    const params: unknown[] = [q.type ?? null, containsPattern(q.search)];
    return keysetPage<OrgRow, Organization>((sql, p) => this.db.query(sql, p), {
      base: `SELECT id, code, name, type, created_at, ${sort.expr} AS sort_key FROM organizations
              WHERE ($1::text IS NULL OR type = $1) AND ($2::text IS NULL OR code ILIKE $2 OR name ILIKE $2)`,
      params,
      sort,
      query: q,
      map: toOrg,
      sortValue: (r) => r.sort_key,
    });
  }

  async createUser(dto: CreateUserDto): Promise<User> {
    const [org] = await this.db.query<{ type: string }>(`SELECT type FROM organizations WHERE id = $1`, [dto.orgId]);
    if (!org) throw new AppError('VALIDATION_FAILED', 'orgId does not name an organization', [{ path: 'orgId', message: 'unknown organization', value: dto.orgId }]);
    const allowed = org.type === 'BUYER' ? BUYER_ROLES : SUPPLIER_ROLES;
    const wrong = dto.roles.filter((r) => !allowed.includes(r));
    if (wrong.length) {
      throw new AppError('VALIDATION_FAILED', `Roles ${wrong.join(', ')} do not fit a ${org.type} organization`, [
        { path: 'roles', message: `a ${org.type} user may have ${allowed.join(', ')}`, value: wrong.join(',') },
      ]);
    }
    const hash = await hashPassword(dto.password);
    try {
      const [row] = await this.db.query<UserRow>(
        `INSERT INTO users (org_id, email, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id, email, org_id, roles, created_at`,
        [dto.orgId, dto.email, hash, dto.roles],
      );
      return toUser(row as UserRow);
    } catch (e) {
      if (sqlState(e) === '23505') throw new AppError('DUPLICATE', `A user with e-mail ${dto.email} already exists`);
      throw e;
    }
  }

  listUsers(q: UserQueryDto): Promise<Page<User>> {
    const sort = sortSpec(q, { email: 'lower(email)', createdAt: isoSortKey('created_at') }, 'email');
    return keysetPage<UserRow, User>((sql, p) => this.db.query(sql, p), {
      base: `SELECT id, email, org_id, roles, created_at, ${sort.expr} AS sort_key FROM users
              WHERE org_id IS NOT NULL AND ($1::uuid IS NULL OR org_id = $1)`,
      params: [q.orgId ?? null],
      sort,
      query: q,
      map: toUser,
      sortValue: (r) => r.sort_key,
    });
  }

  async getOrganization(id: string): Promise<Organization> {
    const [row] = await this.db.query<OrgRow>(`SELECT id, code, name, type, created_at FROM organizations WHERE id = $1`, [id]);
    if (!row) throw notFound('Organization');
    return toOrg(row);
  }

  /** Creates or refreshes the platform admin (no organisation) from ADMIN_EMAIL/ADMIN_PASSWORD. */
  async ensurePlatformAdmin(email: string, password: string): Promise<boolean> {
    const existing = await this.db.query(`SELECT 1 FROM users WHERE lower(email) = lower($1)`, [email]);
    if (existing.length) return false;
    await this.db.query(`INSERT INTO users (org_id, email, password_hash, roles) VALUES (NULL, $1, $2, ARRAY['PLATFORM_ADMIN'])`, [
      email,
      await hashPassword(password),
    ]);
    return true;
  }
}
