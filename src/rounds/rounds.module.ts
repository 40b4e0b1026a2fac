import { Module } from '@nestjs/common';
import { QuestionBanksModule } from '../question-banks/question-banks.module';
import { UnitsModule } from '../units/units.module';
import { SocketRateLimits } from '../realtime/socket-rate-limits';
import { AttemptsController } from './attempts.controller';
import { AttemptsGateway } from './attempts.gateway';
import { AttemptsService } from './attempts.service';
import { ContestsController } from './contests.controller';
import { ContestsService } from './contests.service';
import { LeaderboardGateway } from './leaderboard.gateway';
import { LeaderboardService } from './leaderboard.service';
import { ParticipantsAdminService } from './participants-admin.service';
import { ParticipantsService } from './participants.service';
import { ResultsController } from './results.controller';
import { ResultsService } from './results.service';
import { RoundExportsService } from './round-exports.service';
import { RoundsRepository } from './rounds.repository';
import { SampleContestLoader } from './sample-contest.loader';
import { StandingsRepository } from './standings.repository';

@Module({
  imports: [QuestionBanksModule, UnitsModule],
  // Attempts first: its autosave and submit are the hottest routes (see AppModule).
  controllers: [AttemptsController, ContestsController, ResultsController],
  providers: [
    RoundsRepository,
    StandingsRepository,
    ContestsService,
    ParticipantsService,
    ParticipantsAdminService,
    AttemptsService,
    AttemptsGateway,
    SocketRateLimits,
    LeaderboardService,
    LeaderboardGateway,
    ResultsService,
    RoundExportsService,
    SampleContestLoader,
  ],
  exports: [RoundsRepository, StandingsRepository, ParticipantsService],
})
export class RoundsModule {}
