import { OrgType, Role } from '../constants';

export interface LoginRequest {
  email: string;
  password: string;
}

export interface AuthUser {
  id: string;
  email: string;
  orgId: string;
  orgType: OrgType | null;
  roles: Role[];
  /** The organisation's code and name, for display (absent for the platform admin). */
  orgCode?: string;
  orgName?: string;
}

export interface LoginResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: AuthUser;
}
