import { AccountEntity } from '../accounts/entities/account.entity';
import { AuditEntryEntity } from '../audit/entities/audit-entry.entity';
import { AuthSessionEntity } from '../auth/entities/auth-session.entity';
import { PracticeAnswerEntity } from '../practice/entities/practice-answer.entity';
import { PracticeSessionEntity } from '../practice/entities/practice-session.entity';
import { QuestionBankEntity } from '../question-banks/entities/question-bank.entity';
import { QuestionVersionEntity } from '../question-banks/entities/question-version.entity';
import { QuestionEntity } from '../question-banks/entities/question.entity';
import { TopicEntity } from '../question-banks/entities/topic.entity';
import { AttemptAnswerEntity } from '../rounds/entities/attempt-answer.entity';
import { AttemptEntity } from '../rounds/entities/attempt.entity';
import { ContestEntity } from '../rounds/entities/contest.entity';
import { ParticipantSessionEntity } from '../rounds/entities/participant-session.entity';
import { ParticipantEntity } from '../rounds/entities/participant.entity';
import { RoundEntity } from '../rounds/entities/round.entity';
import { UnitEntity } from '../units/entities/unit.entity';
import { LIVE_ENTITIES } from '../live/entities';

/** Every entity, for the application and for the migration CLI. */
export const ENTITIES = [
  AccountEntity,
  AuthSessionEntity,
  AuditEntryEntity,
  QuestionBankEntity,
  TopicEntity,
  QuestionEntity,
  QuestionVersionEntity,
  PracticeSessionEntity,
  PracticeAnswerEntity,
  ContestEntity,
  RoundEntity,
  ParticipantEntity,
  ParticipantSessionEntity,
  AttemptEntity,
  AttemptAnswerEntity,
  UnitEntity,
  ...LIVE_ENTITIES,
];
