import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditContext, AuditService } from '../audit/audit.service';
import { generateOneTimePassword, hashPassword } from '../auth/passwords';
import { Clock, CLOCK } from '../common/clock/clock';
import type { ContestView, ParticipantAdminView } from '../shared/rounds';
import { LeaderboardService } from './leaderboard.service';
import { toContestView } from './round-views';
import {
  ContestNotFinishedError,
  ContestNotFoundError,
  ParticipantNotFoundError,
} from './rounds.errors';
import { RoundsRepository } from './rounds.repository';

/** Shown instead of an erased name: statistics keep the row, not the person. */
export const PURGED_NAME = 'Người dự thi (đã xoá dữ liệu cá nhân)';

/**
 * Organizers and the participants of a contest: the list, a password reset, and the erasure
 * of personal data once the contest is over (Nghị định 13/2023/NĐ-CP): names, phones, CCCD
 * and passwords go, scores, groups, units and birth years stay for anonymous statistics.
 */
@Injectable()
export class ParticipantsAdminService {
  constructor(
    private readonly repo: RoundsRepository,
    private readonly audit: AuditService,
    private readonly leaderboards: LeaderboardService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(
    contestId: string,
    search: string | undefined,
    limit: number,
    offset: number,
  ): Promise<{ items: ParticipantAdminView[]; total: number }> {
    if (!(await this.repo.findContest(contestId))) throw new ContestNotFoundError();
    return this.repo.listParticipants(contestId, search?.trim() ?? '', limit, offset);
  }

  /** A new one-time password, shown once to the organizer; the participant's sessions end. */
  async resetPassword(context: AuditContext, participantId: string): Promise<{ password: string }> {
    const password = generateOneTimePassword(10);
    const hash = await hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      if (!(await this.repo.resetParticipantPassword(participantId, hash, m)))
        throw new ParticipantNotFoundError();
      await this.audit.record(
        context,
        {
          action: 'participant.password_reset',
          entityType: 'participant',
          entityId: participantId,
        },
        m,
      );
    });
    return { password };
  }

  /** Erases the personal data of a contest whose rounds are all closed. */
  async purgePersonalData(context: AuditContext, contestId: string): Promise<ContestView> {
    const view = await this.dataSource.transaction(async (m) => {
      const contest = await this.repo.findContestForUpdate(contestId, m);
      if (!contest) throw new ContestNotFoundError();
      if (await this.repo.hasUnfinishedRounds(contestId, m)) throw new ContestNotFinishedError();
      const now = this.clock.now();
      const erased = await this.repo.purgeParticipants(contestId, PURGED_NAME, m);
      await this.repo.updateContest(contestId, { personalDataPurgedAt: now }, m);
      await this.audit.record(
        context,
        {
          action: 'contest.personal_data_purged',
          entityType: 'contest',
          entityId: contestId,
          after: { participants: erased },
        },
        m,
      );
      contest.personalDataPurgedAt = now;
      return toContestView(contest);
    });
    // The names on the shared leaderboard tops go at once, not when they expire.
    this.leaderboards.dropAllTopPages();
    return view;
  }
}
