import { Module } from '@nestjs/common';
import { QuestionBanksController } from './question-banks.controller';
import { QuestionBanksRepository } from './question-banks.repository';
import { QuestionBanksService } from './question-banks.service';
import { SampleBankLoader } from './sample-bank.loader';

@Module({
  controllers: [QuestionBanksController],
  providers: [QuestionBanksRepository, QuestionBanksService, SampleBankLoader],
  exports: [QuestionBanksService],
})
export class QuestionBanksModule {}
