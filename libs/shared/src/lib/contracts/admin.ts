import { OrgType, Role } from '../constants';

export interface CreateOrganizationRequest {
  code: string;
  name: string;
  type: OrgType;
}
export interface Organization {
  id: string;
  code: string;
  name: string;
  type: OrgType;
  createdAt?: string;
}

export interface CreateUserRequest {
  email: string;
  password: string;
  orgId: string;
  roles: Role[];
}
export interface User {
  id: string;
  email: string;
  orgId: string;
  roles: Role[];
  createdAt?: string;
}
