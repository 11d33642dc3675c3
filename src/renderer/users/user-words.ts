import { translatedLabels } from '../i18n';
import type { User } from '../../shared/api/auth';

export type GrantableRole = 'reseller_admin' | 'support_agent' | 'customer';

export const ROLE_LABELS = translatedLabels<User['role']>('users', 'role', [
  'operator',
  'reseller_admin',
  'support_agent',
  'customer',
]);

export const GRANTABLE_ROLES: GrantableRole[] = ['reseller_admin', 'support_agent', 'customer'];
