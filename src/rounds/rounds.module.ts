import { Module } from '@nestjs/common';
import { QuestionBanksModule } from '../question-banks/question-banks.module';
import { AttemptsController } from './attempts.controller';
import { AttemptsService } from './attempts.service';
import { ContestsController } from './contests.controller';
import { ContestsService } from './contests.service';
import { ParticipantsService } from './participants.service';
import { RoundsRepository } from './rounds.repository';

@Module({
  imports: [QuestionBanksModule],
  controllers: [ContestsController, AttemptsController],
  providers: [RoundsRepository, ContestsService, ParticipantsService, AttemptsService],
})
export class RoundsModule {}
