import { Module } from '@nestjs/common';
import { QuestionBanksController } from './question-banks.controller';
import { QuestionBanksRepository } from './question-banks.repository';
import { QuestionBanksService } from './question-banks.service';
import { QuestionVersionsRepository } from './question-versions.repository';
import { SampleBankLoader } from './sample-bank.loader';

@Module({
  controllers: [QuestionBanksController],
  providers: [
    QuestionBanksRepository,
    QuestionVersionsRepository,
    QuestionBanksService,
    SampleBankLoader,
  ],
  exports: [QuestionBanksService, QuestionVersionsRepository, SampleBankLoader],
})
export class QuestionBanksModule {}
