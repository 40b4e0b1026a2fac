import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from './entities/account.entity';

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

  /** For an id just written in the same transaction: missing would be a bug, so it throws. */
  getById(id: string, manager?: EntityManager): Promise<AccountEntity> {
    return this.repo(manager).findOneOrFail({ where: { id } });
  }

  findByUsername(username: string): Promise<AccountEntity | null> {
    return this.repo().findOne({ where: { username: username.toLowerCase() } });
  }

  /** The account with its password hash, locked for update inside the caller's transaction. */
  findForSignIn(username: string, manager: EntityManager): Promise<AccountEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.username = :username', { username: username.toLowerCase() })
      .setLock('pessimistic_write')
      .getOne();
  }

  findWithHashById(id: string, manager?: EntityManager): Promise<AccountEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.id = :id', { id })
      .getOne();
  }

  async insert(
    values: Pick<AccountEntity, 'username' | 'displayName' | 'role' | 'mustChangePassword'> & {
      passwordHash: string;
    },
    manager?: EntityManager,
  ): Promise<AccountEntity> {
    const repo = this.repo(manager);
    const saved = await repo.save(
      repo.create({ ...values, username: values.username.toLowerCase() }),
    );
    return this.getById(saved.id, manager);
  }

  async update(id: string, values: Partial<AccountEntity>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, values);
  }
}
