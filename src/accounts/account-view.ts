import type { AccountView } from '../shared/accounts';
import type { AccountEntity } from './entities/account.entity';

export function toAccountView(a: AccountEntity): AccountView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    mustChangePassword: a.mustChangePassword,
    disabled: a.disabled,
    createdAt: a.createdAt.toISOString(),
    lastLoginAt: a.lastLoginAt ? a.lastLoginAt.toISOString() : null,
  };
}

/** What the audit log keeps of an account: never the password hash. */
export function auditSnapshot(a: AccountEntity): Record<string, unknown> {
  return {
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
  };
}
