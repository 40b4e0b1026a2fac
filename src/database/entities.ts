import { AccountEntity } from '../accounts/entities/account.entity';
import { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { AuthSessionEntity } from '../auth/entities/auth-session.entity';

/** Every entity, for the application and for the migration CLI. */
export const ENTITIES = [AccountEntity, AuthSessionEntity, AuditEntryEntity];
