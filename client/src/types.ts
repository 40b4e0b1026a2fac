// Client-side copies of the server's API shapes. These belong in `src/shared/` (repo root)
// once the server exposes them there; then this file should re-export from it.

export type Role = 'admin' | 'organizer' | 'host';

export const ROLES: readonly Role[] = ['admin', 'organizer', 'host'];

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface AccountResponse {
  account: Account;
}

export interface AccountListResponse {
  items: Account[];
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreateAccountRequest {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UpdateAccountRequest {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

export interface ResetPasswordRequest {
  password: string;
}

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.password_changed'
  | 'account.created'
  | 'account.updated'
  | 'account.password_reset';

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; username: string } | null;
  /** One of {@link AuditAction} today; the server may add more. */
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ErrorDetail {
  field: string;
  message: string;
}

/** Body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export interface HealthResponse {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, unknown>;
}

/** Minimum length of a new password; the server is the authority. */
export const MIN_PASSWORD_LENGTH = 10;
