import { Injectable } from '@nestjs/common';
import { slugify } from '../question-banks/formats/normalize';
import {
  RoundSheetInfo,
  attemptsWorkbook,
  prizesWorkbook,
  rankingWorkbook,
} from './exports/round-workbooks';
import { isFinal, toRankingRow } from './leaderboard.service';
import { ResultsService } from './results.service';
import { ContestNotFoundError } from './rounds.errors';
import { RoundsRepository } from './rounds.repository';
import { StandingsRepository } from './standings.repository';
import type { RoundEntity } from './entities/round.entity';

export type RoundExportKind = 'attempts' | 'ranking' | 'prizes';

const FILE_PREFIX: Record<RoundExportKind, string> = {
  attempts: 'bai-thi',
  ranking: 'xep-hang',
  prizes: 'danh-sach-giai',
};

/** The organizers' .xlsx exports of a round. */
@Injectable()
export class RoundExportsService {
  constructor(
    private readonly repo: RoundsRepository,
    private readonly standings: StandingsRepository,
    private readonly results: ResultsService,
  ) {}

  async build(
    roundId: string,
    kind: RoundExportKind,
  ): Promise<{ fileName: string; content: Buffer }> {
    const round = await this.results.requireRound(roundId);
    const info = await this.info(round);
    let content: Buffer;
    switch (kind) {
      case 'attempts':
        content = await attemptsWorkbook(info, await this.repo.listAttemptsForExport(round.id));
        break;
      case 'ranking': {
        const all = await this.standings.listAllWithPeople(round.id);
        const rows = isFinal(round)
          ? all.map((s) => toRankingRow(s.finalRank ?? 0, s))
          : (await this.results.ranking(round.id, null, Math.max(all.length, 1), 0)).rows;
        content = await rankingWorkbook(info, rows);
        break;
      }
      case 'prizes':
        content = await prizesWorkbook(info, await this.results.prizeRows(round));
        break;
    }
    return { fileName: `${FILE_PREFIX[kind]}-${slugify(round.name, 'vong-thi')}.xlsx`, content };
  }

  private async info(round: RoundEntity): Promise<RoundSheetInfo> {
    const contest = await this.repo.findContest(round.contestId);
    if (!contest) throw new ContestNotFoundError();
    return {
      contestName: contest.name,
      roundName: round.name,
      provisional: !isFinal(round),
      trueValue: round.trueValue === null ? null : Number(round.trueValue),
    };
  }
}
