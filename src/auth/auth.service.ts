import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toAccountView } from '../accounts/account-view';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuditContext, AuditService } from '../audit/audit.service';
import { Clock, CLOCK } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { AccountView } from '../shared/accounts';
import {
  AccountDisabledError,
  AccountLockedError,
  InvalidCredentialsError,
  PasswordReusedError,
  WrongCurrentPasswordError,
} from './auth.errors';
import { AuthSessionsRepository } from './auth.repository';
import { afterFailure, afterSuccess, isLocked } from './lockout';
import {
  dummyPasswordHash,
  generateSessionToken,
  hashPassword,
  hashSessionToken,
  verifyPassword,
} from './passwords';
import { Principal } from './principal';

export interface SignInResult {
  account: AccountView;
  token: string;
  expiresAt: Date;
}

type SignInOutcome =
  | { ok: true; account: AccountView; accountId: string; username: string }
  | { ok: false; error: Error; audit?: { accountId: string; username: string; locked: boolean } };

@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: AuthSessionsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async signIn(
    username: string,
    password: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<SignInResult> {
    const now = this.clock.now();
    const policy = {
      maxFailures: this.config.auth.loginMaxFailures,
      lockMinutes: this.config.auth.loginLockMinutes,
    };
    // The row lock serialises concurrent attempts on one account, so the failure count is exact.
    const outcome = await this.dataSource.transaction(async (manager): Promise<SignInOutcome> => {
      const account = await this.accounts.findForSignIn(username.trim(), manager);
      if (!account) {
        await verifyPassword(await dummyPasswordHash(), password);
        return { ok: false, error: new InvalidCredentialsError() };
      }
      if (account.lockedUntil && isLocked(account, now))
        return { ok: false, error: new AccountLockedError(account.lockedUntil) };
      const valid = await verifyPassword(account.passwordHash, password);
      if (!valid) {
        const next = afterFailure(account, policy, now);
        await this.accounts.update(account.id, next, manager);
        const locked = next.lockedUntil !== null && isLocked(next, now);
        return {
          ok: false,
          error:
            locked && next.lockedUntil
              ? new AccountLockedError(next.lockedUntil)
              : new InvalidCredentialsError(),
          audit: { accountId: account.id, username: account.username, locked },
        };
      }
      if (account.disabled) return { ok: false, error: new AccountDisabledError() };
      await this.accounts.update(account.id, { ...afterSuccess(), lastLoginAt: now }, manager);
      const fresh = await this.accounts.getById(account.id, manager);
      return {
        ok: true,
        account: toAccountView(fresh),
        accountId: account.id,
        username: account.username,
      };
    });

    const context: AuditContext = { actor: null, ip: meta.ip };
    if (!outcome.ok) {
      if (outcome.audit) {
        await this.audit.record(
          { actor: { id: outcome.audit.accountId, username: outcome.audit.username }, ip: meta.ip },
          {
            action: 'auth.login_failed',
            entityType: 'account',
            entityId: outcome.audit.accountId,
            after: { locked: outcome.audit.locked },
          },
        );
      }
      throw outcome.error;
    }

    const token = generateSessionToken();
    const expiresAt = new Date(now.getTime() + this.config.auth.sessionTtlHours * 3_600_000);
    await this.sessions.create({
      tokenHash: hashSessionToken(token),
      accountId: outcome.accountId,
      expiresAt,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    context.actor = { id: outcome.accountId, username: outcome.username };
    await this.audit.record(context, {
      action: 'auth.login',
      entityType: 'account',
      entityId: outcome.accountId,
    });
    return { account: outcome.account, token, expiresAt };
  }

  /** The principal behind a session token, or null when the token is unknown, expired or the account disabled. */
  async authenticate(token: string): Promise<Principal | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = hashSessionToken(token);
    const found = await this.sessions.findLiveWithAccount(tokenHash, this.clock.now());
    if (!found || found.account.disabled) return null;
    return {
      accountId: found.account.id,
      username: found.account.username,
      role: found.account.role,
      mustChangePassword: found.account.mustChangePassword,
      sessionTokenHash: tokenHash,
    };
  }

  async signOut(principal: Principal, ip: string | null): Promise<void> {
    await this.sessions.deleteByTokenHash(principal.sessionTokenHash);
    await this.audit.record(
      { actor: { id: principal.accountId, username: principal.username }, ip },
      { action: 'auth.logout', entityType: 'account', entityId: principal.accountId },
    );
  }

  async me(principal: Principal): Promise<AccountView> {
    const account = await this.accounts.findById(principal.accountId);
    if (!account) throw new InvalidCredentialsError();
    return toAccountView(account);
  }

  /** Changes the caller's password; other sessions of the account are signed out. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    ip: string | null,
  ): Promise<AccountView> {
    const account = await this.accounts.findWithHashById(principal.accountId);
    if (!account) throw new InvalidCredentialsError();
    if (!(await verifyPassword(account.passwordHash, currentPassword)))
      throw new WrongCurrentPasswordError();
    if (currentPassword === newPassword) throw new PasswordReusedError();
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (manager) => {
      await this.accounts.update(account.id, { passwordHash, mustChangePassword: false }, manager);
      await this.sessions.deleteAllForAccount(account.id, manager, principal.sessionTokenHash);
      await this.audit.record(
        { actor: { id: account.id, username: account.username }, ip },
        { action: 'auth.password_changed', entityType: 'account', entityId: account.id },
        manager,
      );
      return toAccountView(await this.accounts.getById(account.id, manager));
    });
  }
}
