/**
 * The CPU of grading a batch of attempts inside the server process:
 * `npm run bench:grading [-- --attempts 350 --questions 10 --bank 200 --batches 200]`.
 *
 * A deadline grades thousands of attempts within seconds; `npm run bench:rounds` measures that
 * end to end with PostgreSQL, where the database, the sockets and the load generator share two
 * cores and the same code varies by a third from run to run. This isolates the part that is pure
 * JavaScript: `AttemptsService.sweepOverdue` over claimed attempts, which looks the question
 * versions up (from the in-memory cache after the first batch), scores every attempt and hands
 * the grades to storage. The repositories are stand-ins answering at once (no database: the
 * statements are measured by `bench:rounds`); the grading code is the server's own. Prints the
 * time per graded attempt for each round of batches and, as its last line, one JSON object.
 */
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parseArgs } from '../src/cli/cli-support';
import { systemClock } from '../src/common/clock/clock';
import { QuestionVersionsRepository } from '../src/question-banks/question-versions.repository';
import { AttemptsService } from '../src/rounds/attempts.service';
import type { LeaderboardService } from '../src/rounds/leaderboard.service';
import type { ParticipantsService } from '../src/rounds/participants.service';
import type { ClaimedAttempt, RoundsRepository } from '../src/rounds/rounds.repository';
import type { StandingsRepository } from '../src/rounds/standings.repository';
import { machine, percentiles } from './support';

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const attemptCount = Number(flags.attempts ?? 350);
  const questionCount = Number(flags.questions ?? 10);
  const bankSize = Number(flags.bank ?? 200);
  const batches = Number(flags.batches ?? 200);
  Logger.overrideLogger(false); // the sweeper logs each batch it auto-submits

  const questionIds = Array.from({ length: bankSize }, () => randomUUID());
  const contentRows = questionIds.map((id, i) => ({
    question_id: id,
    version: 1,
    content: {
      type: i % 5 === 0 ? 'multiple' : 'single',
      difficulty: 'easy',
      text: 'Câu hỏi về cải cách hành chính '.repeat(4),
      options: ['A', 'B', 'C', 'D'],
      correct: i % 5 === 0 ? [0, 2] : [i % 4],
    },
  }));
  const versions = new QuestionVersionsRepository({
    query: () => Promise.resolve(contentRows),
  } as unknown as DataSource);

  // A batch as the claim returns it: the drawn items (JSON), the round's rules, and the answers.
  const attempts: ClaimedAttempt[] = Array.from({ length: attemptCount }, () => ({
    id: randomUUID(),
    items: Array.from({ length: questionCount }, (_, position) => ({
      questionId: questionIds[Math.floor(Math.random() * bankSize)],
      version: 1,
      cell: position % 3,
      optionOrder: [2, 0, 3, 1],
    })),
    startedAt: new Date(Date.now() - 600_000),
    submittedAt: new Date(),
    scoring: { points: { kind: 'equal', points: 1 }, partialCredit: true },
    countedPolicy: 'best',
    tieBreakChain: ['score', 'prediction', 'duration', 'submittedAt'],
  }));
  const answers = new Map(
    attempts.map((a) => [
      a.id,
      a.items.map((_, position) => ({ position, chosen: [position % 4] })),
    ]),
  );
  let graded = 0;
  const repo = {
    claimOverdue: () => Promise.resolve(attempts),
    findUngraded: () => Promise.resolve([]),
    listAnswersOf: () => Promise.resolve(answers),
  };
  const standings = {
    storeGrades: (grades: readonly unknown[]) => {
      graded += grades.length;
      return Promise.resolve(grades.map(() => null));
    },
  };
  const service = new AttemptsService(
    repo as unknown as RoundsRepository,
    versions,
    {} as ParticipantsService,
    standings as unknown as StandingsRepository,
    { gradeLanded: () => undefined } as unknown as LeaderboardService,
    systemClock,
  );

  const perAttemptUs: number[] = [];
  for (let b = 0; b < batches; b++) {
    const cpu = process.cpuUsage();
    const count = await service.sweepOverdue();
    const used = process.cpuUsage(cpu);
    if (count !== attemptCount) throw new Error(`graded ${count} of ${attemptCount}`);
    perAttemptUs.push((used.user + used.system) / attemptCount);
  }
  if (graded !== attemptCount * batches) throw new Error(`stored ${graded} grades`);
  // The first batches run before V8 has optimized the code; the steady state is what a deadline
  // sees after its first seconds.
  const steady = perAttemptUs.slice(Math.min(5, batches - 1));
  const result = {
    benchmark: 'grading',
    attemptsPerBatch: attemptCount,
    questionsPerAttempt: questionCount,
    batches,
    cpuMicrosecondsPerAttempt: {
      first: Math.round(perAttemptUs[0] * 10) / 10,
      steady: percentiles(steady),
    },
    machine: machine(),
  };
  console.log(JSON.stringify(result));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
