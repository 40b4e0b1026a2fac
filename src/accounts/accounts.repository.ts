import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from './entities/account.entity';

export type AccountWithHash = AccountEntity & { passwordHash: string };

@Injectable()
export class AccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AccountEntity);
  }

  countAll(): Promise<number> {
    return this.repo().count();
  }

  listAllByUsername(): Promise<AccountEntity[]> {
    return this.repo().find({ order: { username: 'ASC' } });
  }

  findById(id: string, manager?: EntityManager): Promise<AccountEntity | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<AccountEntity | null> {
    return this.repo().findOne({ where: { username: username.toLowerCase() } });
  }

  /** The account with its password hash, locked for update inside the caller's transaction. */
  async findForSignIn(username: string, manager: EntityManager): Promise<AccountWithHash | null> {
    return (await this.repo(manager)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.username = :username', { username: username.toLowerCase() })
      .setLock('pessimistic_write')
      .getOne()) as AccountWithHash | null;
  }

  async findWithHashById(id: string, manager?: EntityManager): Promise<AccountWithHash | null> {
    return (await this.repo(manager)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.id = :id', { id })
      .getOne()) as AccountWithHash | null;
  }

  async insert(
    values: Pick<AccountEntity, 'username' | 'displayName' | 'role' | 'mustChangePassword'> & {
      passwordHash: string;
    },
    manager?: EntityManager,
  ): Promise<AccountEntity> {
    const repo = this.repo(manager);
    const saved = await repo.save(repo.create({ ...values, username: values.username.toLowerCase() }));
    return (await repo.findOneOrFail({ where: { id: saved.id } }));
  }

  async update(id: string, values: Partial<AccountWithHash>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, values);
  }
}
