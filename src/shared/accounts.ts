import type { Role } from './roles';

/** An account as the API returns it. Shared by server and client. */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}
