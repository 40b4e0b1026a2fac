import type { Role } from '../shared/roles';

/** The signed-in staff member attached to a request or a socket. */
export interface Principal {
  accountId: string;
  username: string;
  role: Role;
  mustChangePassword: boolean;
  sessionTokenHash: Buffer;
}

export const SESSION_COOKIE = 'cchc_session';
