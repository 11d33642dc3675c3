import type { User } from '../../shared/api/auth';

export type GrantableRole = 'reseller_admin' | 'support_agent' | 'customer';

export const ROLE_LABELS: Record<User['role'], string> = {
  operator: 'Operator',
  reseller_admin: 'Admin',
  support_agent: 'Support agent',
  customer: 'Customer login',
};

export const GRANTABLE_ROLES: GrantableRole[] = ['reseller_admin', 'support_agent', 'customer'];
