/**
 * Table-driven: for each format, a state in each of its phases × every command, accepted or
 * refused as specified. A refusal always carries a code and a Vietnamese message, and the host
 * view's list of allowed commands agrees with the reducer.
 */
import { allowedHostCommands, apply } from './live-room.machine';
import { Driver, newRoom, question } from './live-room.test-support';
import {
  HOST_COMMAND_TYPES,
  LiveCommand,
  LiveFormat,
  LivePhase,
  LiveState,
} from './live-room.types';

const COMMANDS = [
  'start',
  'next',
  'lock',
  'reveal',
  'openBuzzer',
  'judge',
  'pause',
  'resume',
  'skip',
  'extendTime',
  'kick',
  'revive',
  'startRescue',
  'end',
  'join',
  'answer',
  'buzz',
  'tick',
] as const;
type Cmd = (typeof COMMANDS)[number];

function command(name: Cmd, state: LiveState): LiveCommand {
  const questionIndex = state.run?.index ?? 0;
  switch (name) {
    case 'judge':
      return { type: 'judge', correct: true };
    case 'extendTime':
      return { type: 'extendTime', ms: 5_000 };
    case 'kick':
      return { type: 'kick', playerId: 'p3' };
    case 'revive':
      return { type: 'revive', playerIds: ['p2'] };
    case 'startRescue':
      return { type: 'startRescue' };
    case 'join':
      return { type: 'join', playerId: 'p9', name: 'Người mới' };
    case 'answer':
      return { type: 'answer', playerId: 'p1', questionIndex, choices: [1] };
    case 'buzz':
      return { type: 'buzz', playerId: 'p3', questionIndex };
    case 'start':
    case 'next':
    case 'lock':
    case 'reveal':
    case 'openBuzzer':
    case 'pause':
    case 'resume':
    case 'skip':
    case 'end':
    case 'tick':
      return { type: name };
  }
}

const ALWAYS: Cmd[] = ['tick'];
const IN_GAME: Cmd[] = ['pause', 'kick', 'end', 'tick'];

/** The commands accepted in each phase; every other command must be refused. */
const EXPECTED: Record<LiveFormat, Partial<Record<LivePhase, Cmd[]>>> = {
  classic: {
    lobby: ['start', 'kick', 'end', 'join', ...ALWAYS],
    question_intro: ['next', 'skip', ...IN_GAME],
    answering: ['lock', 'reveal', 'skip', 'extendTime', 'answer', ...IN_GAME],
    locked: ['reveal', 'skip', ...IN_GAME],
    revealed: ['next', ...IN_GAME],
    leaderboard: ['next', ...IN_GAME],
    paused: ['resume', 'extendTime', 'kick', 'end', ...ALWAYS],
    finished: [...ALWAYS],
  },
  golden_bell: {
    lobby: ['start', 'kick', 'end', 'join', ...ALWAYS],
    question_intro: ['next', 'skip', 'revive', ...IN_GAME],
    answering: ['lock', 'reveal', 'skip', 'extendTime', 'answer', ...IN_GAME],
    locked: ['reveal', 'skip', ...IN_GAME],
    revealed: ['next', 'revive', 'startRescue', ...IN_GAME],
    leaderboard: ['next', 'revive', 'startRescue', ...IN_GAME],
    paused: ['resume', 'extendTime', 'kick', 'end', ...ALWAYS],
    finished: [...ALWAYS],
  },
  buzzer: {
    lobby: ['start', 'kick', 'end', 'join', ...ALWAYS],
    question_intro: ['next', 'openBuzzer', 'skip', ...IN_GAME],
    buzzer_armed: ['reveal', 'openBuzzer', 'skip', ...IN_GAME],
    buzzer_open: ['lock', 'reveal', 'skip', 'extendTime', 'buzz', ...IN_GAME],
    buzzer_won: ['judge', 'skip', ...IN_GAME],
    revealed: ['next', ...IN_GAME],
    leaderboard: ['next', ...IN_GAME],
    paused: ['resume', 'extendTime', 'kick', 'end', ...ALWAYS],
    finished: [...ALWAYS],
  },
};

/** One state per phase of a game of the format (the paused one is paused while answering). */
function statesByPhase(format: LiveFormat): Map<LivePhase, LiveState> {
  const questions = [
    question('q1'),
    question('q2'),
    question('q3'),
    question('r1', { kind: 'rescue' }),
  ];
  const game = new Driver(newRoom(format, questions, { readTimeMs: 5_000 }));
  const states = new Map<LivePhase, LiveState>();
  const keep = () => states.set(game.state.phase, game.state);
  game.join('p1').join('p2').join('p3');
  keep();
  game.at(0).ok({ type: 'start' });
  if (format === 'golden_bell') {
    // Question 1 eliminates p2, so that revive and startRescue have someone to bring back.
    game.ok({ type: 'next' });
    game.answer('p1', [1]);
    game.answer('p3', [1]);
    game.ok({ type: 'reveal' });
    game.ok({ type: 'next' });
    game.ok({ type: 'next' });
  }
  keep(); // question_intro
  if (format === 'buzzer') {
    game.ok({ type: 'next' });
    keep(); // buzzer_armed
    game.ok({ type: 'openBuzzer' });
    keep(); // buzzer_open
    game.ok({ type: 'pause' });
    keep();
    game.ok({ type: 'resume' });
    game.buzz('p1');
    keep(); // buzzer_won
    game.ok({ type: 'judge', correct: true });
  } else {
    game.ok({ type: 'next' });
    keep(); // answering
    game.ok({ type: 'pause' });
    keep();
    game.ok({ type: 'resume' });
    game.ok({ type: 'lock' });
    keep(); // locked
    game.ok({ type: 'reveal' });
  }
  keep(); // revealed
  game.ok({ type: 'next' });
  keep(); // leaderboard
  game.ok({ type: 'end' });
  keep(); // finished
  return states;
}

describe.each<LiveFormat>(['classic', 'golden_bell', 'buzzer'])('%s: phase × command', (format) => {
  const states = statesByPhase(format);

  it('reaches every phase of the format', () => {
    expect([...states.keys()].sort()).toEqual(Object.keys(EXPECTED[format]).sort());
  });

  const cases = Object.entries(EXPECTED[format]).flatMap(([phase, accepted]) =>
    COMMANDS.map((name) => [phase as LivePhase, name, accepted.includes(name)] as const),
  );

  it.each(cases)('in %s, %s is accepted: %s', (phase, name, accepted) => {
    const state = states.get(phase);
    if (state === undefined) throw new Error(`no state in ${phase}`);
    const result = apply(state, command(name, state), 1_750_000_000_000 + 100);
    if (accepted) {
      expect(result).toMatchObject({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) {
        expect(result.code).toEqual(expect.any(String));
        expect(result.message).toMatch(/^[A-ZĐ].*\.\)?$/u);
      }
    }
  });

  it.each([...states.entries()])(
    'in %s, the host view allows exactly the accepted host commands',
    (_phase, state) => {
      const accepted = HOST_COMMAND_TYPES.filter(
        (type) => apply(state, command(type, state), 1_750_000_000_000 + 100).ok,
      );
      expect(allowedHostCommands(state)).toEqual(accepted);
    },
  );
});

describe('phase details', () => {
  it('refuses with a message naming the action and the phase', () => {
    const game = new Driver(newRoom('classic'));
    game.join('p1').ok({ type: 'start' });
    expect(game.no({ type: 'reveal' })).toEqual({
      ok: false,
      code: 'wrong_phase',
      message: 'Không thể công bố đáp án khi đang giới thiệu câu hỏi.',
    });
    game.ok({ type: 'pause' });
    expect(game.no({ type: 'next' })).toEqual({
      ok: false,
      code: 'paused',
      message: 'Trò chơi đang tạm dừng.',
    });
  });

  it('refuses everything but the timer and reconnections once finished', () => {
    const game = new Driver(newRoom('classic'));
    game.join('p1').ok({ type: 'end' });
    for (const type of HOST_COMMAND_TYPES) {
      expect(apply(game.state, command(type as Cmd, game.state), 0)).toMatchObject({ ok: false });
    }
    game.join('p1');
  });
});
