import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { AccountEntity } from '../accounts/entities/account.entity';
import { AuthSessionEntity } from './entities/auth-session.entity';

@Injectable()
export class AuthSessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuthSessionEntity);
  }

  async create(
    values: Pick<AuthSessionEntity, 'tokenHash' | 'accountId' | 'expiresAt' | 'ip' | 'userAgent'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repo(manager).insert(values);
  }

  /** The live session for a token hash, with its account, in one indexed lookup. */
  async findLiveWithAccount(
    tokenHash: Buffer,
    now: Date,
  ): Promise<{ session: AuthSessionEntity; account: AccountEntity } | null> {
    const session = await this.repo()
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.account', 'a')
      .where('s.tokenHash = :tokenHash', { tokenHash })
      .andWhere('s.expiresAt > :now', { now })
      .getOne();
    if (!session?.account) return null;
    return { session, account: session.account };
  }

  async deleteByTokenHash(tokenHash: Buffer): Promise<void> {
    await this.repo().delete({ tokenHash });
  }

  /** Sign out everywhere else, e.g. after a password change or reset. */
  async deleteAllForAccount(
    accountId: string,
    manager?: EntityManager,
    exceptTokenHash?: Buffer,
  ): Promise<void> {
    const qb = this.repo(manager)
      .createQueryBuilder()
      .delete()
      .where('account_id = :accountId', { accountId });
    if (exceptTokenHash) qb.andWhere('token_hash <> :keep', { keep: exceptTokenHash });
    await qb.execute();
  }

  async deleteExpired(now: Date): Promise<number> {
    const result = await this.repo().delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
