import type { AuditAction, Role } from '../types';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị viên',
  organizer: 'Ban tổ chức',
  host: 'Người dẫn chương trình',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.logout': 'Đăng xuất',
  'auth.password_changed': 'Đổi mật khẩu',
  'account.created': 'Tạo tài khoản',
  'account.updated': 'Cập nhật tài khoản',
  'account.password_reset': 'Đặt lại mật khẩu',
};

/** Vietnamese label of an audit action; the raw action for one the client does not know yet. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

const ENTITY_LABELS: Record<string, string> = {
  account: 'Tài khoản',
  session: 'Phiên đăng nhập',
};

export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType;
}

/** Labels of the fields that appear in an audit entry's before/after. */
const FIELD_LABELS: Record<string, string> = {
  username: 'Tên đăng nhập',
  displayName: 'Tên hiển thị',
  role: 'Vai trò',
  disabled: 'Bị khóa',
  mustChangePassword: 'Phải đổi mật khẩu',
  lastLoginAt: 'Đăng nhập gần nhất',
  createdAt: 'Ngày tạo',
  updatedAt: 'Ngày cập nhật',
  failedLoginCount: 'Số lần đăng nhập sai',
  lockedUntil: 'Khóa đến',
  reason: 'Lý do',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
