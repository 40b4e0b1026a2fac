import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DataSource } from 'typeorm';
import { STARTUP_LOCKS, withStartupLock } from '../database/startup-lock';
import { QuestionBanksRepository } from './question-banks.repository';
import { QuestionBanksService } from './question-banks.service';

export const SAMPLE_BANK_FILE = join(__dirname, '..', '..', 'question-banks', 'cchc-mau.json');
export const SAMPLE_BANK_NAME = 'Ngân hàng câu hỏi mẫu về cải cách hành chính';

/** On an empty database, loads question-banks/cchc-mau.json as a sample bank (SEED_SAMPLE_DATA). */
@Injectable()
export class SampleBankLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SampleBankLoader.name);
  private loading: Promise<string | null> | undefined;

  constructor(
    private readonly banks: QuestionBanksService,
    private readonly repo: QuestionBanksRepository,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.loadIfEmpty();
  }

  /**
   * Loads the sample bank once per process when the database has no bank. Resolves to the new
   * bank's id when it was loaded now (a first start), null otherwise. Other sample loaders (the
   * sample contest) await it, whatever order the start-up hooks run in.
   */
  loadIfEmpty(): Promise<string | null> {
    this.loading ??= (async () => {
      if (!this.config.seedSampleData) return null;
      // Two instances starting on an empty database: the second waits, then finds the bank.
      return withStartupLock(this.dataSource, STARTUP_LOCKS.sampleData, async () => {
        if ((await this.repo.countBanks()) > 0) return null;
        if (!existsSync(SAMPLE_BANK_FILE)) {
          this.logger.warn(`Sample bank not found at ${SAMPLE_BANK_FILE}; skipping`);
          return null;
        }
        return this.loadSample();
      });
    })();
    return this.loading;
  }

  async loadSample(): Promise<string | null> {
    const system = { actor: null, ip: null };
    const bank = await this.banks.createBank(system, {
      name: SAMPLE_BANK_NAME,
      description: 'Bộ câu hỏi mẫu đi kèm phần mềm. Ban tổ chức có thể sửa, bổ sung hoặc xoá.',
    });
    await this.repo.updateBank(bank.id, { isSample: true, practiceEnabled: true });
    const report = await this.banks.importFile(
      system,
      bank.id,
      { buffer: readFileSync(SAMPLE_BANK_FILE), filename: 'cchc-mau.json' },
      { dryRun: false, onlyValid: false, duplicates: 'skip' },
    );
    if (report.errors.length > 0) {
      this.logger.error(
        { errors: report.errors.slice(0, 10) },
        `Sample bank has ${report.errors.length} problems; nothing imported`,
      );
      return null;
    }
    this.logger.log(`Loaded the sample question bank: ${report.imported} questions`);
    return bank.id;
  }
}
