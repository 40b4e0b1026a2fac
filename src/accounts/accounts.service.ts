import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { AuthSessionsRepository } from '../auth/auth.repository';
import { generateOneTimePassword, hashPassword } from '../auth/passwords';
import { NotFoundError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { STARTUP_LOCKS, withStartupLock } from '../database/startup-lock';
import type { AccountView } from '../shared/accounts';
import type { Role } from '../shared/roles';
import { auditSnapshot, toAccountView } from './account-view';
import { CannotDemoteLastAdminError, UsernameTakenError } from './accounts.errors';
import { AccountsRepository } from './accounts.repository';
import { AccountEntity } from './entities/account.entity';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  /** Accounts made by an admin must choose their own password at first sign-in. */
  mustChangePassword?: boolean;
}

export interface AccountChanges {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

const SYSTEM: AuditContext = { actor: null, ip: null };

@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: AuthSessionsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Instances starting together on a new database: one creates the admin, the others see it.
    await withStartupLock(this.dataSource, STARTUP_LOCKS.firstAdmin, () => this.ensureFirstAdmin());
  }

  /**
   * First run. ADMIN_USERNAME/ADMIN_PASSWORD create that admin if it does not exist (any mode).
   * Otherwise, in development and test an empty database gets `admin` with a one-time password
   * printed once in the log; in production no default account is ever created.
   */
  async ensureFirstAdmin(): Promise<void> {
    const bootstrap = this.config.auth.bootstrapAdmin;
    if (bootstrap) {
      if (await this.accounts.findByUsername(bootstrap.username)) return;
      await this.create(SYSTEM, {
        username: bootstrap.username,
        displayName: 'Quản trị viên',
        role: 'admin',
        password: bootstrap.password,
        mustChangePassword: false,
      });
      this.logger.log(
        `Created admin account "${bootstrap.username}" from ADMIN_USERNAME/ADMIN_PASSWORD`,
      );
      return;
    }
    if ((await this.accounts.countAll()) > 0) return;
    if (this.config.isProduction) {
      this.logger.warn(
        'No account exists. Create the first admin with `npm run admin:create -- --username <name>` ' +
          'or set ADMIN_USERNAME and ADMIN_PASSWORD.',
      );
      return;
    }
    const password = generateOneTimePassword();
    await this.create(SYSTEM, {
      username: 'admin',
      displayName: 'Quản trị viên',
      role: 'admin',
      password,
      mustChangePassword: true,
    });
    this.logger.warn(
      { firstAdmin: { username: 'admin', oneTimePassword: password } },
      `First run: created account "admin" with one-time password ${password} — sign in and change it now.`,
    );
  }

  async list(): Promise<AccountView[]> {
    return (await this.accounts.listAllByUsername()).map(toAccountView);
  }

  async get(id: string): Promise<AccountEntity> {
    const account = await this.accounts.findById(id);
    if (!account) throw new NotFoundError('tài khoản', 'ACCOUNT_NOT_FOUND');
    return account;
  }

  async create(context: AuditContext, input: NewAccount): Promise<AccountView> {
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const account = await this.accounts.insert(
          {
            username: input.username.trim(),
            displayName: input.displayName.trim(),
            role: input.role,
            mustChangePassword: input.mustChangePassword ?? true,
            passwordHash,
          },
          manager,
        );
        await this.audit.record(
          context,
          {
            action: 'account.created',
            entityType: 'account',
            entityId: account.id,
            after: auditSnapshot(account),
          },
          manager,
        );
        return toAccountView(account);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new UsernameTakenError(input.username.trim().toLowerCase());
      throw error;
    }
  }

  async update(context: AuditContext, id: string, changes: AccountChanges): Promise<AccountView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.accounts.findById(id, manager);
      if (!before) throw new NotFoundError('tài khoản', 'ACCOUNT_NOT_FOUND');
      const losesAdmin =
        before.role === 'admin' &&
        !before.disabled &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
      if (losesAdmin && (await this.countActiveAdmins(manager)) <= 1)
        throw new CannotDemoteLastAdminError();

      const values: AccountChanges = {};
      if (changes.displayName !== undefined) values.displayName = changes.displayName.trim();
      if (changes.role !== undefined) values.role = changes.role;
      if (changes.disabled !== undefined) values.disabled = changes.disabled;
      await this.accounts.update(id, values, manager);
      if (
        changes.disabled === true ||
        (changes.role !== undefined && changes.role !== before.role)
      ) {
        await this.sessions.deleteAllForAccount(id, manager);
      }
      const after = await this.accounts.getById(id, manager);
      await this.audit.record(
        context,
        {
          action: 'account.updated',
          entityType: 'account',
          entityId: id,
          before: auditSnapshot(before),
          after: auditSnapshot(after),
        },
        manager,
      );
      return toAccountView(after);
    });
  }

  /** An admin sets a new password; the owner must change it at next sign-in, and is signed out everywhere. */
  async resetPassword(context: AuditContext, id: string, password: string): Promise<AccountView> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.accounts.findById(id, manager);
      if (!before) throw new NotFoundError('tài khoản', 'ACCOUNT_NOT_FOUND');
      await this.accounts.update(
        id,
        { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null },
        manager,
      );
      await this.sessions.deleteAllForAccount(id, manager);
      const after = await this.accounts.getById(id, manager);
      await this.audit.record(
        context,
        {
          action: 'account.password_reset',
          entityType: 'account',
          entityId: id,
          before: auditSnapshot(before),
          after: auditSnapshot(after),
        },
        manager,
      );
      return toAccountView(after);
    });
  }

  private async countActiveAdmins(manager: EntityManager): Promise<number> {
    return manager
      .getRepository(AccountEntity)
      .count({ where: { role: 'admin', disabled: false } });
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
  );
}
