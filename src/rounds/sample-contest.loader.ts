import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, CLOCK } from '../common/clock/clock';
import { SampleBankLoader } from '../question-banks/sample-bank.loader';
import type { Blueprint } from './domain/blueprint';
import { DEFAULT_TIE_BREAK_CHAIN } from './domain/ranking';
import { RoundsRepository } from './rounds.repository';

export const SAMPLE_CONTEST_NAME = 'Hội thi tìm hiểu về cải cách hành chính (mẫu)';
const DAY_MS = 86_400_000;

/** 10 questions across the sample bank's seven topics, any difficulty. */
export const SAMPLE_BLUEPRINT: Blueprint = [
  { topicCode: 'the-che', count: 2 },
  { topicCode: 'thu-tuc-hanh-chinh', count: 2 },
  { topicCode: 'to-chuc-bo-may', count: 1 },
  { topicCode: 'che-do-cong-vu', count: 1 },
  { topicCode: 'tai-chinh-cong', count: 1 },
  { topicCode: 'chinh-phu-dien-tu', count: 2 },
  { topicCode: 'cchc-o-phuong', count: 1 },
];

/**
 * On the first start of an empty database (when the sample bank is loaded), creates a sample
 * contest with one round open for a week from now, so a newcomer can take part at once. It is
 * marked as a sample and deleted like any contest.
 */
@Injectable()
export class SampleContestLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(SampleContestLoader.name);

  constructor(
    private readonly sampleBank: SampleBankLoader,
    private readonly repo: RoundsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const bankId = await this.sampleBank.loadIfEmpty();
    if (bankId === null || (await this.repo.listContestsNewestFirst()).length > 0) return;
    await this.createSample(bankId);
  }

  async createSample(bankId: string): Promise<string> {
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (m) => {
      const contest = await this.repo.insertContest(
        {
          name: SAMPLE_CONTEST_NAME,
          description:
            'Hội thi mẫu đi kèm phần mềm để bạn dùng thử: đăng ký, làm bài, xem kết quả và bảng xếp hạng. Ban tổ chức có thể xoá hội thi này bất cứ lúc nào.',
          requiresCccd: false,
        },
        m,
      );
      await this.repo.updateContest(contest.id, { isSample: true }, m);
      await this.repo.insertRound(
        {
          contestId: contest.id,
          name: 'Vòng thi thử (mẫu)',
          status: 'published',
          opensAt: now,
          closesAt: new Date(now.getTime() + 7 * DAY_MS),
          timeLimitSeconds: 600,
          attemptsAllowed: 3,
          countedPolicy: 'best',
          bankId,
          blueprint: SAMPLE_BLUEPRINT,
          shuffleQuestions: true,
          shuffleOptions: true,
          scoring: { points: { kind: 'equal', points: 10 }, partialCredit: false },
          predictionKind: 'perfect_count',
          graceMs: 2000,
          reviewPolicy: 'after_submit',
          leaderboardVisibility: 'public',
          eligibleGroups: ['civil_servant', 'citizen'],
          tieBreakChain: [...DEFAULT_TIE_BREAK_CHAIN],
          prizeQuotas: {
            civil_servant: { first: 1, second: 1, third: 1, consolation: 2 },
            citizen: { first: 1, second: 1, third: 1, consolation: 2 },
          },
        },
        m,
      );
      return contest.id;
    });
    this.logger.log(`Created the sample contest "${SAMPLE_CONTEST_NAME}"`);
    return id;
  }
}
