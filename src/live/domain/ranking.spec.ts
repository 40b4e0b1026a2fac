import { defaultSettings } from './live-room.create';
import { Driver, newRoom, question } from './live-room.test-support';
import { LiveFormat, LivePlayer } from './live-room.types';
import { leaderboard, playerResult, podium, rankPlayers, survivors } from './ranking';

let order = 0;
function player(id: string, score: number, extra: Partial<LivePlayer> = {}): LivePlayer {
  order += 1;
  return {
    id,
    name: id,
    number: null,
    team: null,
    joinOrder: order,
    joinedAt: 0,
    kicked: false,
    score,
    correctCount: 0,
    correctTimeMs: 0,
    streak: 0,
    eliminated: false,
    eliminatedAtSeq: null,
    ...extra,
  };
}

function ranked(players: LivePlayer[], format: LiveFormat = 'classic') {
  return rankPlayers({ players, settings: defaultSettings(format) }).map((r) => [
    r.player.id,
    r.rank,
  ]);
}

describe('rankPlayers', () => {
  it('uses competition ranks: equal players share a rank and the next rank is skipped (1, 2, 2, 4)', () => {
    expect(
      ranked([
        player('a', 300, { correctTimeMs: 100 }),
        player('b', 200, { correctTimeMs: 100 }),
        player('c', 200, { correctTimeMs: 100 }),
        player('d', 100),
      ]),
    ).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('breaks a score tie by the total response time of the correct answers, shorter first', () => {
    expect(
      ranked([
        player('slow', 200, { correctTimeMs: 9_000 }),
        player('fast', 200, { correctTimeMs: 3_000 }),
      ]),
    ).toEqual([
      ['fast', 1],
      ['slow', 2],
    ]);
  });

  it('lists tied players in join order without splitting their rank', () => {
    expect(
      ranked([player('late', 0, { joinOrder: 20 }), player('early', 0, { joinOrder: 10 })]),
    ).toEqual([
      ['early', 1],
      ['late', 1],
    ]);
  });

  it('leaves kicked players out', () => {
    expect(ranked([player('a', 1), player('k', 99, { kicked: true })])).toEqual([['a', 1]]);
  });

  it('in golden bell ranks the survivors first, then those eliminated later before earlier', () => {
    expect(
      ranked(
        [
          player('out-early', 900, { eliminated: true, eliminatedAtSeq: 1 }),
          player('alive', 100),
          player('out-late', 50, { eliminated: true, eliminatedAtSeq: 3 }),
          player('out-late-rich', 70, { eliminated: true, eliminatedAtSeq: 3 }),
        ],
        'golden_bell',
      ),
    ).toEqual([
      ['alive', 1],
      ['out-late-rich', 2],
      ['out-late', 3],
      ['out-early', 4],
    ]);
  });

  it('ignores elimination outside golden bell', () => {
    expect(
      ranked([player('x', 1, { eliminated: true, eliminatedAtSeq: 1 }), player('y', 0)]),
    ).toEqual([
      ['x', 1],
      ['y', 2],
    ]);
  });
});

describe('leaderboard, podium and survivors', () => {
  const settings = { ...defaultSettings('golden_bell'), leaderboardSize: 2 };
  const players = [
    player('a', 10),
    player('b', 10),
    player('c', 10),
    player('d', 5),
    player('e', 1, { eliminated: true, eliminatedAtSeq: 2 }),
  ];

  it('shows the top N rows', () => {
    expect(leaderboard({ players, settings }).map((r) => r.player.id)).toEqual(['a', 'b']);
    expect(leaderboard({ players, settings }, 4)).toHaveLength(4);
  });

  it('puts ranks 1 to 3 on the podium, ties included', () => {
    expect(podium({ players, settings }).map((r) => [r.player.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    const spread = [player('x', 3), player('y', 2), player('z', 2), player('w', 1)];
    expect(podium({ players: spread, settings }).map((r) => r.player.id)).toEqual(['x', 'y', 'z']);
  });

  it('lists the golden-bell survivors in ranking order', () => {
    expect(survivors({ players, settings }).map((p) => p.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('playerResult', () => {
  it('is null before the reveal and for unknown players, and complete after', () => {
    const game = new Driver(
      newRoom('classic', [question('q1')], { readTimeMs: 0, speedBonus: false }),
    );
    game.join('p1').join('p2');
    game.ok({ type: 'start' });
    game.ok({ type: 'next' });
    game.answer('p1', [1]);
    expect(playerResult(game.state, 'p1')).toBeNull();
    game.ok({ type: 'reveal' });
    expect(playerResult(game.state, 'nobody')).toBeNull();
    expect(playerResult(game.state, 'p1')).toEqual({
      questionIndex: 0,
      answered: true,
      choices: [1],
      isCorrect: true,
      pointsGained: 1000,
      streakBonus: 0,
      totalScore: 1000,
      rank: 1,
      eliminated: false,
      eliminatedNow: false,
      revivedNow: false,
    });
    expect(playerResult(game.state, 'p2')).toMatchObject({
      answered: false,
      isCorrect: false,
      pointsGained: 0,
      rank: 2,
    });
  });
});
