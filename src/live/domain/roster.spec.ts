import { createLiveRoom } from './live-room.create';
import { Driver, question } from './live-room.test-support';
import { LiveRosterEntry, LiveSettings, LiveState } from './live-room.types';
import { MAX_ROSTER_SIZE, checkRosterEntry, findInRoster, validateRoster } from './roster';
import { hostView } from './views';

const ROSTER = [
  { number: 'TS001', name: 'Nguyễn Văn An', team: 'Phòng Kinh tế' },
  { number: 'ts002', name: 'Trần Thị Bình', team: null },
  { number: ' 003 ', name: '  Lê   Chi ', team: ' Tổ dân phố 1 ' },
];

function rosterRoom(
  roster: readonly { number: string; name: string; team?: string | null }[] = ROSTER,
  settings: Partial<Omit<LiveSettings, 'format'>> = {},
): LiveState {
  const created = createLiveRoom({
    roomId: 'room-1',
    format: 'classic',
    questions: [question('q1'), question('q2')],
    settings: { readTimeMs: 0, ...settings },
    roster,
  });
  if (!created.ok) throw new Error(`createLiveRoom refused: ${created.message}`);
  return created.state;
}

function create(roster: unknown, settings: Partial<Omit<LiveSettings, 'format'>> = {}) {
  return createLiveRoom({
    roomId: 'r',
    format: 'classic',
    questions: [question('q1')],
    settings,
    roster: roster as LiveRosterEntry[],
  });
}

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    number: `SBD${String(i + 1)}`,
    name: `Thí sinh ${String(i + 1)}`,
  }));

describe('a roster at creation', () => {
  it('is normalized like typed names (NFC, spaces collapsed, blank team → null)', () => {
    const state = rosterRoom([
      ...ROSTER,
      { number: 'X1', name: 'Tr\u01b0\u01a1\u0300ng', team: '   ' },
      { number: 'X2', name: 'Không đơn vị' },
    ]);
    expect(state.roster).toEqual([
      { number: 'TS001', name: 'Nguyễn Văn An', team: 'Phòng Kinh tế' },
      { number: 'ts002', name: 'Trần Thị Bình', team: null },
      { number: '003', name: 'Lê Chi', team: 'Tổ dân phố 1' },
      { number: 'X1', name: 'Trường', team: null },
      { number: 'X2', name: 'Không đơn vị', team: null },
    ]);
  });

  it('is null without one', () => {
    const created = create(null);
    expect(created.ok && created.state.roster).toBeNull();
  });

  it('sets maxPlayers to its size unless given, and refuses a smaller maxPlayers', () => {
    expect(rosterRoom().settings.maxPlayers).toBe(3);
    const big = create(entries(300));
    expect(big.ok && big.state.settings.maxPlayers).toBe(300);
    expect(rosterRoom(ROSTER, { maxPlayers: 10 }).settings.maxPlayers).toBe(10);
    expect(create(entries(300), { maxPlayers: 200 })).toEqual({
      ok: false,
      code: 'invalid_settings',
      message: 'Số người chơi tối đa (200) nhỏ hơn số thí sinh trong danh sách (300).',
    });
  });

  it(`accepts ${String(MAX_ROSTER_SIZE)} contestants and refuses one more`, () => {
    expect(create(entries(MAX_ROSTER_SIZE)).ok).toBe(true);
    expect(create(entries(MAX_ROSTER_SIZE + 1))).toEqual({
      ok: false,
      code: 'invalid_roster',
      message: 'Danh sách thí sinh có 5001 người, vượt quá giới hạn 5000 người.',
    });
  });

  it('refuses duplicate numbers, whatever their case and spaces', () => {
    expect(
      create([
        { number: 'A01', name: 'An' },
        { number: 'B02', name: 'Bình' },
        { number: ' a01', name: 'Chi' },
      ]),
    ).toEqual({
      ok: false,
      code: 'invalid_roster',
      message: 'Danh sách thí sinh: số báo danh a01 bị trùng (thí sinh thứ 1 và thứ 3).',
    });
  });

  it.each<[string, unknown, string]>([
    ['not a list', { number: '1' }, 'Danh sách thí sinh không hợp lệ.'],
    ['an empty list', [], 'Danh sách thí sinh chưa có thí sinh nào.'],
    ['a missing number', [{ number: ' ', name: 'An' }], 'thí sinh thứ 1: Thiếu số báo danh.'],
    [
      'a number of 21 characters',
      [{ number: '1'.repeat(21), name: 'An' }],
      'Số báo danh dài 21 ký tự, vượt quá giới hạn 20 ký tự.',
    ],
    [
      'an empty name',
      [
        { number: '1', name: 'An' },
        { number: '2', name: '' },
      ],
      'thí sinh thứ 2: Thiếu họ và tên.',
    ],
    [
      'a name of 41 letters',
      [{ number: '1', name: 'ệ'.repeat(41) }],
      'Họ và tên dài 41 ký tự, vượt quá giới hạn 40 ký tự.',
    ],
    [
      'a team of 61 characters',
      [{ number: '1', name: 'An', team: 'x'.repeat(61) }],
      'Tên đơn vị dài 61 ký tự, vượt quá giới hạn 60 ký tự.',
    ],
    ['a number that is not text', [{ number: 7, name: 'An' }], 'Giá trị không hợp lệ.'],
    ['an entry that is not an object', ['An'], 'Thiếu số báo danh.'],
  ])('refuses %s', (_, roster, message) => {
    const created = create(roster);
    expect(created.ok).toBe(false);
    if (created.ok) return;
    expect(created.code).toBe('invalid_roster');
    expect(created.message).toContain(message);
  });

  it('accepts a name of 40 letters with Vietnamese marks', () => {
    expect(checkRosterEntry({ number: '1', name: 'Ư'.repeat(40) }).ok).toBe(true);
  });

  it('reports every problem of an entry, by field', () => {
    expect(checkRosterEntry({ number: '', name: '', team: 'x'.repeat(61) })).toEqual({
      ok: false,
      problems: [
        { field: 'number', message: 'Thiếu số báo danh.' },
        { field: 'name', message: 'Thiếu họ và tên.' },
        { field: 'team', message: 'Tên đơn vị dài 61 ký tự, vượt quá giới hạn 60 ký tự.' },
      ],
    });
  });

  it('validateRoster gives the same entries createLiveRoom stores', () => {
    const checked = validateRoster(ROSTER);
    expect(checked.ok && checked.roster).toEqual(rosterRoom().roster);
  });
});

describe('joining a room with a roster', () => {
  it('takes the name and team from the roster, whatever was typed', () => {
    const game = new Driver(rosterRoom());
    game.ok({ type: 'join', playerId: 'p1', name: 'Tên gõ sai', number: 'TS001', team: 'Khác' });
    expect(game.player('p1')).toMatchObject({
      name: 'Nguyễn Văn An',
      number: 'TS001',
      team: 'Phòng Kinh tế',
      joinOrder: 1,
    });
  });

  it('finds the number trimmed and case-insensitively, and keeps the roster spelling', () => {
    const game = new Driver(rosterRoom());
    game.ok({ type: 'join', playerId: 'p1', name: '', number: '  ts001 ' });
    game.ok({ type: 'join', playerId: 'p2', name: '', number: 'TS002' });
    game.ok({ type: 'join', playerId: 'p3', name: '', number: '003' });
    expect(game.state.players.map((p) => [p.number, p.name, p.team])).toEqual([
      ['TS001', 'Nguyễn Văn An', 'Phòng Kinh tế'],
      ['ts002', 'Trần Thị Bình', null],
      ['003', 'Lê Chi', 'Tổ dân phố 1'],
    ]);
  });

  it('asks for a number when none is given', () => {
    const game = new Driver(rosterRoom());
    for (const number of [undefined, null, '', '   ']) {
      expect(game.no({ type: 'join', playerId: 'p1', name: 'Nguyễn Văn An', number })).toEqual({
        ok: false,
        code: 'number_required',
        message:
          'Phòng thi này chỉ dành cho thí sinh có tên trong danh sách: hãy nhập số báo danh của bạn.',
      });
    }
  });

  it('refuses a number that is not in the roster, or too long', () => {
    const game = new Driver(rosterRoom());
    expect(game.no({ type: 'join', playerId: 'p1', name: 'An', number: 'TS009' })).toEqual({
      ok: false,
      code: 'not_in_roster',
      message:
        'Số báo danh TS009 không có trong danh sách thí sinh của phòng thi này. Hãy kiểm tra lại hoặc hỏi ban tổ chức.',
    });
    expect(game.no({ type: 'join', playerId: 'p1', name: 'An', number: '1'.repeat(21) }).code).toBe(
      'invalid_input',
    );
    expect(game.no({ type: 'join', playerId: 'p1', name: 'An', number: 5 as never }).code).toBe(
      'invalid_input',
    );
  });

  it('refuses a number an active player holds, and frees the number of a kicked one', () => {
    const game = new Driver(rosterRoom());
    game.ok({ type: 'join', playerId: 'p1', name: '', number: 'TS001' });
    expect(game.no({ type: 'join', playerId: 'p2', name: '', number: 'ts001' })).toEqual({
      ok: false,
      code: 'number_taken',
      message:
        'Số báo danh TS001 đã được dùng để vào phòng thi. Nếu bạn đã vào trên thiết bị khác, hãy tiếp tục trên thiết bị đó; nếu không, hãy báo ban tổ chức.',
    });
    game.ok({ type: 'kick', playerId: 'p1' });
    game.ok({ type: 'join', playerId: 'p2', name: '', number: 'ts001' });
    expect(game.player('p2')).toMatchObject({ number: 'TS001', name: 'Nguyễn Văn An' });
  });

  it('lets a joined player reconnect (known id) in any phase without a number', () => {
    const game = new Driver(rosterRoom());
    game.ok({ type: 'join', playerId: 'p1', name: '', number: 'TS001' });
    game.at(0).ok({ type: 'start' });
    game.at(1_000).ok({ type: 'next' });
    const result = game.ok({ type: 'join', playerId: 'p1', name: 'anything' });
    expect(result.state).toBe(game.trail.at(-2));
    expect(result.effects).toEqual([{ kind: 'send', playerId: 'p1' }]);
  });

  it('keeps the phase rules: no newcomer after the start without late join', () => {
    const game = new Driver(rosterRoom());
    game.ok({ type: 'join', playerId: 'p1', name: '', number: 'TS001' });
    game.at(0).ok({ type: 'start' });
    expect(game.no({ type: 'join', playerId: 'p2', name: '', number: 'TS002' }).code).toBe(
      'late_join_closed',
    );
    const late = new Driver(rosterRoom(ROSTER, { allowLateJoin: true }));
    late.ok({ type: 'join', playerId: 'p1', name: '', number: 'TS001' });
    late.at(0).ok({ type: 'start' });
    late.ok({ type: 'join', playerId: 'p2', name: '', number: 'TS002' });
    expect(late.player('p2').name).toBe('Trần Thị Bình');
  });

  it('works the same on a state reloaded from JSON', () => {
    const game = new Driver(rosterRoom());
    game.ok({ type: 'join', playerId: 'p1', name: '', number: 'TS001' });
    const reloaded = new Driver(JSON.parse(JSON.stringify(game.state)) as LiveState);
    expect(reloaded.no({ type: 'join', playerId: 'p2', name: '', number: 'ts001' }).code).toBe(
      'number_taken',
    );
    reloaded.ok({ type: 'join', playerId: 'p2', name: '', number: '003' });
    expect(reloaded.player('p2').name).toBe('Lê Chi');
  });

  it('shows the host how many contestants the roster lists', () => {
    expect(hostView(rosterRoom()).rosterSize).toBe(3);
    const open = createLiveRoom({ roomId: 'r', format: 'classic', questions: [question('q1')] });
    expect(open.ok && hostView(open.state).rosterSize).toBeNull();
  });

  it('a room without a roster still refuses a duplicate typed number with duplicate_number', () => {
    const open = createLiveRoom({ roomId: 'r', format: 'classic', questions: [question('q1')] });
    if (!open.ok) throw new Error('refused');
    const game = new Driver(open.state);
    game.join('p1', 'An', { number: 'A01' });
    expect(game.no({ type: 'join', playerId: 'p2', name: 'Bình', number: 'a01' }).code).toBe(
      'duplicate_number',
    );
  });
});

describe('findInRoster', () => {
  it('finds an entry among 5000 by its normalized number', () => {
    const roster = entries(MAX_ROSTER_SIZE).map((e) => ({ ...e, team: null }));
    expect(findInRoster(roster, ' sbd4999 ')).toEqual({
      number: 'SBD4999',
      name: 'Thí sinh 4999',
      team: null,
    });
    expect(findInRoster(roster, 'SBD5001')).toBeNull();
  });
});
