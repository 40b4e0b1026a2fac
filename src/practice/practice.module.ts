import { Module } from '@nestjs/common';
import { QuestionBanksModule } from '../question-banks/question-banks.module';
import { PracticeController } from './practice.controller';
import { PracticeRepository } from './practice.repository';
import { PracticeService } from './practice.service';

@Module({
  imports: [QuestionBanksModule],
  controllers: [PracticeController],
  providers: [PracticeRepository, PracticeService],
})
export class PracticeModule {}
