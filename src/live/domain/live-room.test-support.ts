/**
 * Test support for the live-room specs (imported by *.spec.ts only): question factories and a
 * small driver that applies commands with a manual clock and records every state.
 */
import { createLiveRoom } from './live-room.create';
import { apply } from './live-room.machine';
import {
  LiveAccepted,
  LiveCommand,
  LiveFormat,
  LiveQuestionInput,
  LiveRejection,
  LiveSettings,
  LiveState,
} from './live-room.types';

export const T0 = 1_750_000_000_000;

/** A single-choice question; the explanation carries a marker the leak tests look for. */
export function question(
  id: string,
  overrides: Partial<LiveQuestionInput> = {},
): LiveQuestionInput {
  return {
    id,
    text: `Câu hỏi ${id}?`,
    options: ['Phương án A', 'Phương án B', 'Phương án C', 'Phương án D'],
    correct: [1],
    type: 'single',
    points: 1000,
    timeLimitMs: 20_000,
    explanation: `SECRET-EXPLANATION-${id}`,
    ...overrides,
  };
}

export function newRoom(
  format: LiveFormat,
  questions: LiveQuestionInput[] = [question('q1'), question('q2'), question('q3')],
  settings: Partial<Omit<LiveSettings, 'format'>> = {},
): LiveState {
  const created = createLiveRoom({ roomId: 'room-1', format, questions, settings });
  if (!created.ok) throw new Error(`createLiveRoom refused: ${created.message}`);
  return created.state;
}

export class Driver {
  now = T0;
  readonly trail: LiveState[] = [];
  /** The accepted commands: log[i] turned trail[i] into trail[i + 1]. */
  readonly log: { command: LiveCommand; now: number; result: LiveAccepted }[] = [];

  constructor(public state: LiveState) {
    this.trail.push(state);
  }

  /** Sets the clock to T0 + ms. */
  at(ms: number): this {
    this.now = T0 + ms;
    return this;
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  /** Applies a command that must be accepted. */
  ok(command: LiveCommand): LiveAccepted {
    const result = apply(this.state, command, this.now);
    if (!result.ok) {
      throw new Error(`${command.type} refused in ${this.state.phase}: ${result.message}`);
    }
    this.log.push({ command, now: this.now, result });
    this.state = result.state;
    this.trail.push(result.state);
    return result;
  }

  /** Applies a command that must be refused; the state stays. */
  no(command: LiveCommand): LiveRejection {
    const result = apply(this.state, command, this.now);
    if (result.ok) throw new Error(`${command.type} accepted in ${this.state.phase}`);
    return result;
  }

  join(
    playerId: string,
    name = `Người chơi ${playerId}`,
    extra: { number?: string; team?: string } = {},
  ): this {
    this.ok({ type: 'join', playerId, name, ...extra });
    return this;
  }

  /** The index of the current question. */
  get index(): number {
    const run = this.state.run;
    if (run === null) throw new Error('no question yet');
    return run.index;
  }

  answer(playerId: string, choices: number[]): LiveAccepted {
    return this.ok({ type: 'answer', playerId, questionIndex: this.index, choices });
  }

  buzz(playerId: string): LiveAccepted {
    return this.ok({ type: 'buzz', playerId, questionIndex: this.index });
  }

  player(playerId: string) {
    const player = this.state.players.find((p) => p.id === playerId);
    if (player === undefined) throw new Error(`no player ${playerId}`);
    return player;
  }
}

/** A full game of each format that goes through every phase, pauses, skips, rescues… */
export function fullGame(format: LiveFormat): Driver {
  const questions = [
    question('q1'),
    question('q2', { type: 'multiple', correct: [0, 2] }),
    question('q3', { kind: 'audience' }),
    question('q4', { type: 'true_false', options: ['Đúng', 'Sai'], correct: [0] }),
    question('r1', { kind: 'rescue', correct: [3] }),
    question('q5', { correct: [2] }),
  ];
  const game = new Driver(newRoom(format, questions, { readTimeMs: 3_000, buzzerPenalty: 5 }));
  game.join('p1', 'An', { number: '01', team: 'Phường 1' });
  game.join('p2', 'Bình', { number: '02', team: 'Phường 1' });
  game.join('p3', 'Chi', { number: '03', team: 'Phường 2' });
  game.join('p4', 'Dũng', { number: '04' });
  game.at(0).ok({ type: 'start' });
  game.at(1_000).ok({ type: 'pause' });
  game.at(2_000).ok({ type: 'resume' });
  const betweenQuestions = () => {
    game.ok({ type: 'next' }); // leaderboard
    game.ok({ type: 'next' }); // next intro (or finished)
  };

  if (format === 'buzzer') {
    for (let q = 0; q < 5; q++) {
      game.advance(5_000).ok({ type: 'tick' }); // read time over: armed
      if (q === 2) {
        game.ok({ type: 'skip' });
        game.ok({ type: 'next' });
        continue;
      }
      game.ok({ type: 'openBuzzer' });
      game.ok({ type: 'pause' });
      game.ok({ type: 'resume' });
      game.advance(700).buzz('p2');
      game.ok({ type: 'judge', correct: false });
      game.ok({ type: 'openBuzzer' });
      game.advance(900).buzz('p1');
      game.ok({ type: 'judge', correct: q !== 1 });
      if (q === 1) game.ok({ type: 'reveal' });
      game.ok({ type: 'pause' });
      game.ok({ type: 'resume' });
      betweenQuestions();
    }
    return game;
  }

  const answerAll = (choices: Record<string, number[]>) => {
    for (const [id, c] of Object.entries(choices)) game.advance(1_000).answer(id, c);
  };
  game.advance(5_000).ok({ type: 'tick' }); // answering q1
  game.ok({ type: 'pause' });
  game.ok({ type: 'resume' });
  answerAll({ p1: [1], p2: [0], p3: [1] }); // p4 silent
  game.advance(30_000).ok({ type: 'tick' }); // deadline: locked
  game.ok({ type: 'reveal' });
  if (format === 'golden_bell') {
    game.ok({ type: 'startRescue' }); // p2, p4 may come back
    game.ok({ type: 'next' });
    answerAll({ p2: [3], p4: [0] });
    game.ok({ type: 'reveal' });
    game.ok({ type: 'revive', playerIds: ['p4'] });
  }
  betweenQuestions(); // q2
  game.ok({ type: 'next' });
  answerAll({ p1: [2, 0], p2: [0] });
  game.ok({ type: 'kick', playerId: 'p4' });
  game.ok({ type: 'extendTime', ms: 5_000 });
  game.ok({ type: 'lock' });
  game.ok({ type: 'reveal' });
  betweenQuestions(); // q3, audience
  game.ok({ type: 'next' });
  answerAll({ p1: [1], p2: [1], p3: [0] });
  game.ok({ type: 'reveal' });
  betweenQuestions(); // q4
  game.ok({ type: 'skip' });
  game.ok({ type: 'pause' });
  game.ok({ type: 'resume' });
  game.ok({ type: 'next' }); // q5
  game.ok({ type: 'next' });
  // Golden bell: p1 is the last one alive and fails: the question eliminates nobody.
  answerAll(format === 'golden_bell' ? { p1: [0] } : { p1: [0], p3: [0] });
  game.ok({ type: 'reveal' });
  if (format === 'golden_bell' && game.state.run?.outcome?.reverted !== true) {
    throw new Error('the last golden-bell question should have been reverted');
  }
  betweenQuestions();
  if (game.state.phase !== 'finished') throw new Error('the scripted game did not finish');
  return game;
}
