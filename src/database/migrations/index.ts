import { Foundation1764180000000 } from './1764180000000-Foundation';
import { QuestionBanks1764190000000 } from './1764190000000-QuestionBanks';
import { Practice1764200000000 } from './1764200000000-Practice';
import { Rounds1764210000000 } from './1764210000000-Rounds';
import { RoundResults1764220000000 } from './1764220000000-RoundResults';
import { Units1764230000000 } from './1764230000000-Units';
import { Live1764240000000 } from './1764240000000-Live';
import { RoundGroupDraws1764250000000 } from './1764250000000-RoundGroupDraws';
import { PracticeAnswerFunction1764260000000 } from './1764260000000-PracticeAnswerFunction';
import { LiveStateJson1764270000000 } from './1764270000000-LiveStateJson';
import { LivePlayersColumn1764280000000 } from './1764280000000-LivePlayersColumn';
import { AttemptWrites1764290000000 } from './1764290000000-AttemptWrites';

/** Every migration, oldest first. A new migration is added here in the same commit. */
export const MIGRATIONS = [
  Foundation1764180000000,
  QuestionBanks1764190000000,
  Practice1764200000000,
  Rounds1764210000000,
  RoundResults1764220000000,
  Units1764230000000,
  Live1764240000000,
  RoundGroupDraws1764250000000,
  PracticeAnswerFunction1764260000000,
  LiveStateJson1764270000000,
  LivePlayersColumn1764280000000,
  AttemptWrites1764290000000,
];
