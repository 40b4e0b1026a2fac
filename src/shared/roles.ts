/** Staff roles. Shared by server and client. */
export const ROLES = ['admin', 'organizer', 'host'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị viên',
  organizer: 'Ban tổ chức',
  host: 'Người dẫn chương trình',
};
