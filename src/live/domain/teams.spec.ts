import { LivePlayer } from './live-room.types';
import { teamStandings } from './teams';

function player(
  id: string,
  team: string | null,
  score: number,
  extra: Partial<LivePlayer> = {},
): LivePlayer {
  return {
    id,
    name: id,
    number: null,
    team,
    joinOrder: Number(id.replace(/\D/g, '')),
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

const players = [
  player('p1', 'Phường 1', 900),
  player('p2', 'Phường 1', 300),
  player('p3', 'Phường 2', 700),
  player('p4', 'Phường 3', 1000),
  player('p5', null, 5000),
  player('p6', 'Phường 2', 9999, { kicked: true }),
];

describe('teamStandings', () => {
  it('sums the members scores and ranks the teams', () => {
    expect(teamStandings(players, 'sum')).toEqual([
      { team: 'Phường 1', score: 1200, memberCount: 2, memberIds: ['p1', 'p2'], rank: 1 },
      { team: 'Phường 3', score: 1000, memberCount: 1, memberIds: ['p4'], rank: 2 },
      { team: 'Phường 2', score: 700, memberCount: 1, memberIds: ['p3'], rank: 3 },
    ]);
  });

  it('averages the members scores, rounded to 2 decimals', () => {
    const rows = teamStandings([...players, player('p7', 'Phường 2', 0)], 'average');
    expect(rows.map((r) => [r.team, r.score, r.rank])).toEqual([
      ['Phường 3', 1000, 1],
      ['Phường 1', 600, 2],
      ['Phường 2', 350, 3],
    ]);
    expect(
      teamStandings(
        [player('p1', 'A', 1), player('p2', 'A', 0), player('p3', 'A', 0)],
        'average',
      )[0].score,
    ).toBe(0.33);
  });

  it('shares a rank between equal teams (1, 2, 2, 4) and lists them by name', () => {
    const rows = teamStandings(
      [player('p1', 'D', 10), player('p2', 'C', 5), player('p3', 'B', 5), player('p4', 'A', 1)],
      'sum',
    );
    expect(rows.map((r) => [r.team, r.rank])).toEqual([
      ['D', 1],
      ['B', 2],
      ['C', 2],
      ['A', 4],
    ]);
  });

  it('ignores players without a team and kicked players', () => {
    const rows = teamStandings(players, 'sum');
    expect(rows.flatMap((r) => r.memberIds)).not.toContain('p5');
    expect(rows.flatMap((r) => r.memberIds)).not.toContain('p6');
  });

  it('is empty when nobody has a team', () => {
    expect(teamStandings([player('p1', null, 3)], 'sum')).toEqual([]);
  });
});
