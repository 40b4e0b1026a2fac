import { apply, nextTimerAt } from './live-room.machine';
import { Driver, T0, fullGame, newRoom, question } from './live-room.test-support';
import { LiveFormat, LiveSettings, LiveState } from './live-room.types';

/** A classic game with two players, answering open on question 1 at T0 + 1000. */
function answeringGame(
  settings: Partial<Omit<LiveSettings, 'format'>> = {},
  players = ['p1', 'p2'],
) {
  const game = new Driver(newRoom('classic', undefined, { readTimeMs: 0, ...settings }));
  for (const id of players) game.join(id);
  game.at(0).ok({ type: 'start' });
  game.at(1_000).ok({ type: 'next' });
  return game;
}

const DEADLINE = 1_000 + 20_000;

describe('joining', () => {
  it('trims, normalizes and keeps the name, number and team', () => {
    const game = new Driver(newRoom('classic'));
    game.ok({
      type: 'join',
      playerId: 'p1',
      name: '  Nguyễn   Văn\tAn ',
      number: ' 07 ',
      team: ' Phường 1 ',
    });
    expect(game.player('p1')).toMatchObject({
      name: 'Nguyễn Văn An',
      number: '07',
      team: 'Phường 1',
      joinOrder: 1,
    });
  });

  it('stores names in NFC so the same name typed two ways is the same text', () => {
    const game = new Driver(newRoom('classic'));
    game.ok({ type: 'join', playerId: 'p1', name: 'Tr\u01b0\u01a1\u0300ng' });
    expect(game.player('p1').name).toBe('Trường'.normalize('NFC'));
  });

  it('accepts a name of 40 characters with Vietnamese marks and refuses 41', () => {
    const game = new Driver(newRoom('classic'));
    game.ok({ type: 'join', playerId: 'p1', name: 'Ư'.repeat(40) });
    expect(game.no({ type: 'join', playerId: 'p2', name: 'ệ'.repeat(41) })).toEqual({
      ok: false,
      code: 'invalid_name',
      message: 'Tên phải có từ 1 đến 40 ký tự.',
    });
  });

  it('refuses an empty name and a name made of spaces', () => {
    const game = new Driver(newRoom('classic'));
    expect(game.no({ type: 'join', playerId: 'p1', name: '' }).code).toBe('invalid_name');
    expect(game.no({ type: 'join', playerId: 'p1', name: '   \n ' }).code).toBe('invalid_name');
  });

  it('refuses a contestant number already taken, whatever its case', () => {
    const game = new Driver(newRoom('classic'));
    game.join('p1', 'An', { number: 'A01' });
    expect(game.no({ type: 'join', playerId: 'p2', name: 'Bình', number: 'a01' })).toEqual({
      ok: false,
      code: 'duplicate_number',
      message: 'Số báo danh a01 đã có người sử dụng.',
    });
  });

  it('frees the number of a kicked player', () => {
    const game = new Driver(newRoom('classic'));
    game.join('p1', 'An', { number: '01' });
    game.ok({ type: 'kick', playerId: 'p1' });
    game.join('p2', 'Bình', { number: '01' });
  });

  it('refuses a player beyond the cap', () => {
    const game = new Driver(newRoom('classic', undefined, { maxPlayers: 2 }));
    game.join('p1').join('p2');
    expect(game.no({ type: 'join', playerId: 'p3', name: 'Chi' })).toEqual({
      ok: false,
      code: 'room_full',
      message: 'Phòng thi đã đủ 2 người chơi.',
    });
  });

  it('refuses an invalid player id, number or team', () => {
    const game = new Driver(newRoom('classic'));
    expect(game.no({ type: 'join', playerId: '', name: 'An' }).code).toBe('invalid_input');
    expect(game.no({ type: 'join', playerId: 'p1', name: 'An', number: '1'.repeat(21) }).code).toBe(
      'invalid_input',
    );
    expect(game.no({ type: 'join', playerId: 'p1', name: 'An', team: 'x'.repeat(61) }).code).toBe(
      'invalid_input',
    );
    expect(game.no({ type: 'join', playerId: 'p1', name: 42 as never }).code).toBe('invalid_name');
  });

  it('lets a known player reconnect in any phase without changing the state', () => {
    const game = answeringGame();
    const result = game.ok({ type: 'join', playerId: 'p1', name: 'Tên khác' });
    expect(result.state).toBe(game.trail.at(-2));
    expect(result.effects).toEqual([{ kind: 'send', playerId: 'p1' }]);
  });

  it('refuses a kicked player who tries to come back', () => {
    const game = answeringGame();
    game.ok({ type: 'kick', playerId: 'p2' });
    expect(game.no({ type: 'join', playerId: 'p2', name: 'B' })).toEqual({
      ok: false,
      code: 'kicked',
      message: 'Bạn đã bị mời ra khỏi phòng thi.',
    });
  });

  it('refuses a newcomer after the start unless late join is allowed', () => {
    expect(answeringGame().no({ type: 'join', playerId: 'p9', name: 'Muộn' })).toEqual({
      ok: false,
      code: 'late_join_closed',
      message: 'Trò chơi đã bắt đầu, không thể tham gia thêm.',
    });
    const late = answeringGame({ allowLateJoin: true });
    late.join('p9', 'Muộn');
    late.answer('p9', [1]);
  });

  it('never lets a newcomer into a golden bell that started, even with late join', () => {
    const game = new Driver(newRoom('golden_bell', undefined, { allowLateJoin: true }));
    game.join('p1').ok({ type: 'start' });
    expect(game.no({ type: 'join', playerId: 'p9', name: 'Muộn' }).code).toBe('late_join_closed');
  });

  it('tells the host and the stage, and sends the newcomer their view', () => {
    const game = new Driver(newRoom('classic'));
    expect(game.ok({ type: 'join', playerId: 'p1', name: 'An' }).effects).toEqual([
      { kind: 'persist' },
      { kind: 'broadcast', to: 'host' },
      { kind: 'broadcast', to: 'stage' },
      { kind: 'send', playerId: 'p1' },
    ]);
  });
});

describe('a classic game', () => {
  it('runs lobby → intro → answering → locked → revealed → leaderboard → … → finished', () => {
    const game = new Driver(
      newRoom('classic', [question('q1'), question('q2')], { readTimeMs: 3_000 }),
    );
    game.join('p1').join('p2');
    const started = game.at(0).ok({ type: 'start' });
    expect(game.state.phase).toBe('question_intro');
    expect(started.effects).toContainEqual({ kind: 'schedule', at: T0 + 3_000 });

    game.at(2_999).ok({ type: 'tick' });
    expect(game.state.phase).toBe('question_intro');
    const opened = game.at(3_000).ok({ type: 'tick' });
    expect(game.state.phase).toBe('answering');
    expect(game.state.run?.deadlineAt).toBe(T0 + 23_000);
    expect(opened.effects).toContainEqual({ kind: 'schedule', at: T0 + 23_500 });

    game.at(8_000).answer('p1', [1]); // 5 s: 875 points
    const last = game.at(13_000).answer('p2', [0]);
    expect(game.state.phase).toBe('locked');
    expect(last.effects).toContainEqual({ kind: 'cancel_timer' });

    game.ok({ type: 'reveal' });
    expect(game.state.phase).toBe('revealed');
    expect(game.player('p1')).toMatchObject({
      score: 875,
      correctCount: 1,
      correctTimeMs: 5_000,
      streak: 1,
    });
    expect(game.player('p2')).toMatchObject({ score: 0, streak: 0 });
    expect(game.state.run?.outcome?.distribution).toEqual([1, 1, 0, 0]);

    game.ok({ type: 'next' });
    expect(game.state.phase).toBe('leaderboard');
    game.at(30_000).ok({ type: 'next' });
    expect(game.state.phase).toBe('question_intro');
    expect(game.state.run?.index).toBe(1);
    expect(game.state.history.map((r) => r.index)).toEqual([0]);
    // The finished run is kept small: no answers, no scored rows (scores are in the players).
    expect(game.state.history[0]).toMatchObject({ status: 'revealed', answers: [] });
    expect(game.state.history[0].outcome).toMatchObject({ scored: [], distribution: [1, 1, 0, 0] });
    expect(game.player('p1').score).toBe(875);

    game.at(31_000).ok({ type: 'next' }); // the host opens answering before the read time ends
    expect(game.state.phase).toBe('answering');
    game.at(51_500).ok({ type: 'tick' });
    expect(game.state.phase).toBe('locked');
    game.ok({ type: 'reveal' });
    game.ok({ type: 'next' });
    game.at(60_000).ok({ type: 'next' });
    expect(game.state).toMatchObject({ phase: 'finished', finishedAt: T0 + 60_000 });
  });

  it('refuses to start without players', () => {
    expect(new Driver(newRoom('classic')).no({ type: 'start' })).toEqual({
      ok: false,
      code: 'no_players',
      message: 'Chưa có người chơi nào tham gia.',
    });
  });

  it('waits for the host when the read time is 0', () => {
    const game = new Driver(newRoom('classic', undefined, { readTimeMs: 0 }));
    game.join('p1');
    const started = game.ok({ type: 'start' });
    expect(started.effects.some((e) => e.kind === 'schedule')).toBe(false);
    game.advance(60_000).ok({ type: 'tick' });
    expect(game.state.phase).toBe('question_intro');
  });

  it('scores with the speed formula, without it when the bonus is off', () => {
    const fast = answeringGame();
    fast.at(1_000 + 10_000).answer('p1', [1]);
    fast.ok({ type: 'reveal' });
    expect(fast.player('p1').score).toBe(750);
    const flat = answeringGame({ speedBonus: false });
    flat.at(1_000 + 19_000).answer('p1', [1]);
    flat.ok({ type: 'reveal' });
    expect(flat.player('p1').score).toBe(1000);
  });

  it('judges multiple-choice answers by exact set', () => {
    const game = new Driver(
      newRoom('classic', [question('m', { type: 'multiple', correct: [0, 2] })], {
        readTimeMs: 0,
        speedBonus: false,
      }),
    );
    game.join('p1').join('p2').join('p3').ok({ type: 'start' });
    game.ok({ type: 'next' });
    game.answer('p1', [2, 0]);
    game.answer('p2', [0]);
    game.answer('p3', [0, 1, 2]);
    game.ok({ type: 'reveal' });
    expect(['p1', 'p2', 'p3'].map((id) => game.player(id).score)).toEqual([1000, 0, 0]);
    expect(game.state.run?.outcome?.distribution).toEqual([3, 1, 2, 0]);
  });

  it('adds a capped streak bonus for consecutive correct answers and resets it on a miss', () => {
    const qs = ['a', 'b', 'c', 'd', 'e'].map((id) => question(id));
    const game = new Driver(
      newRoom('classic', qs, {
        readTimeMs: 0,
        speedBonus: false,
        streakBonus: 100,
        streakBonusCap: 150,
      }),
    );
    game.join('p1').join('p2').ok({ type: 'start' });
    const gains: number[] = [];
    for (const [i, choice] of [1, 1, 1, 0, 1].entries()) {
      if (i > 0) {
        game.ok({ type: 'next' }); // leaderboard
        game.ok({ type: 'next' }); // intro of the next question
      }
      game.ok({ type: 'next' });
      game.answer('p1', [choice]);
      game.ok({ type: 'reveal' });
      gains.push(game.state.run?.outcome?.scored.find((s) => s.playerId === 'p1')?.points ?? NaN);
    }
    expect(gains).toEqual([1000, 1100, 1150, 0, 1000]);
  });

  it('scores nothing for an audience question', () => {
    const game = new Driver(
      newRoom('classic', [question('k', { kind: 'audience' })], { readTimeMs: 0 }),
    );
    game.join('p1').ok({ type: 'start' });
    game.ok({ type: 'next' });
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' });
    expect(game.player('p1')).toMatchObject({ score: 0, correctCount: 0, streak: 0 });
    expect(game.state.run?.outcome?.scored[0]).toMatchObject({ isCorrect: true, points: 0 });
  });

  it('plays the questions in order and keeps rescue questions out of the main sequence', () => {
    const game = new Driver(
      newRoom('classic', [question('a'), question('r', { kind: 'rescue' }), question('b')], {
        readTimeMs: 0,
      }),
    );
    game.join('p1').ok({ type: 'start' });
    const played: number[] = [];
    while (game.state.phase !== 'finished') {
      played.push(game.index);
      game.ok({ type: 'next' }); // answering
      game.ok({ type: 'reveal' });
      game.ok({ type: 'next' }); // leaderboard
      game.ok({ type: 'next' }); // next question or finished
    }
    expect(played).toEqual([0, 2]);
  });
});

describe('answers', () => {
  it('refuses an answer before answering opens', () => {
    const game = new Driver(newRoom('classic', undefined, { readTimeMs: 5_000 }));
    game.join('p1').ok({ type: 'start' });
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: [1] })).toEqual({
      ok: false,
      code: 'not_open_yet',
      message: 'Chưa đến lúc trả lời câu hỏi này.',
    });
  });

  it('accepts an answer exactly at the deadline, counting the whole window', () => {
    const game = answeringGame();
    game.at(DEADLINE).answer('p1', [1]);
    expect(game.state.run?.answers[0]).toMatchObject({ at: T0 + DEADLINE, responseMs: 20_000 });
  });

  it('accepts an answer at deadline + grace and refuses one a millisecond later', () => {
    const game = answeringGame();
    game.at(DEADLINE + 500).answer('p1', [1]);
    game.at(DEADLINE + 501);
    expect(game.no({ type: 'answer', playerId: 'p2', questionIndex: 0, choices: [1] })).toEqual({
      ok: false,
      code: 'too_late',
      message: 'Đã hết giờ trả lời câu hỏi này.',
    });
  });

  it('honours a configured grace period of 0', () => {
    const game = answeringGame({ graceMs: 0 });
    game.at(DEADLINE + 1);
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: [1] }).code).toBe(
      'too_late',
    );
  });

  it('locks at deadline + grace, not before', () => {
    const game = answeringGame();
    expect(nextTimerAt(game.state)).toBe(T0 + DEADLINE + 500);
    game.at(DEADLINE + 499).ok({ type: 'tick' });
    expect(game.state.phase).toBe('answering');
    game.at(DEADLINE + 500).ok({ type: 'tick' });
    expect(game.state.phase).toBe('locked');
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: [1] }).code).toBe(
      'too_late',
    );
  });

  it('keeps the first answer by default', () => {
    const game = answeringGame({}, ['p1', 'p2']);
    game.answer('p1', [0]);
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: [1] })).toEqual({
      ok: false,
      code: 'already_answered',
      message: 'Bạn đã trả lời câu hỏi này.',
    });
  });

  it('keeps the last answer before the lock with change_until_lock, and does not lock early', () => {
    const game = answeringGame({ answerPolicy: 'change_until_lock' }, ['p1']);
    game.at(2_000).answer('p1', [0]);
    expect(game.state.phase).toBe('answering');
    game.at(5_000).answer('p1', [1]);
    expect(game.state.run?.answers).toEqual([
      { playerId: 'p1', choices: [1], at: T0 + 5_000, responseMs: 4_000 },
    ]);
  });

  it('does not lock early when lockWhenAllAnswered is off', () => {
    const game = answeringGame({ lockWhenAllAnswered: false }, ['p1']);
    game.answer('p1', [1]);
    expect(game.state.phase).toBe('answering');
  });

  it.each<[string, unknown, string]>([
    ['an option out of range', [4], 'Lựa chọn không hợp lệ.'],
    ['a negative option', [-1], 'Lựa chọn không hợp lệ.'],
    ['no option', [], 'Lựa chọn không hợp lệ.'],
    ['a repeated option', [1, 1], 'Lựa chọn không hợp lệ.'],
    ['a fraction', [0.5], 'Lựa chọn không hợp lệ.'],
    ['a string', ['1'], 'Lựa chọn không hợp lệ.'],
    ['not an array', 1, 'Lựa chọn không hợp lệ.'],
    ['two options on a single-choice question', [0, 1], 'Câu hỏi này chỉ được chọn một phương án.'],
  ])('refuses %s', (_label, choices, message) => {
    const game = answeringGame();
    expect(
      game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: choices as number[] }),
    ).toEqual({ ok: false, code: 'invalid_choice', message });
  });

  it('refuses an answer to another question, from a stranger or with a bad index', () => {
    const game = answeringGame();
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 1, choices: [1] })).toEqual({
      ok: false,
      code: 'wrong_question',
      message: 'Câu hỏi này đã kết thúc.',
    });
    expect(game.no({ type: 'answer', playerId: 'nobody', questionIndex: 0, choices: [1] })).toEqual(
      { ok: false, code: 'unknown_player', message: 'Bạn chưa tham gia phòng thi.' },
    );
    expect(
      game.no({ type: 'answer', playerId: 'p1', questionIndex: 'x' as never, choices: [1] }).code,
    ).toBe('invalid_input');
  });

  it('tells the host, the stage and the answering player only', () => {
    const game = answeringGame({}, ['p1', 'p2']);
    expect(game.answer('p1', [1]).effects).toEqual([
      { kind: 'persist' },
      { kind: 'broadcast', to: 'host' },
      { kind: 'broadcast', to: 'stage' },
      { kind: 'send', playerId: 'p1' },
    ]);
  });

  it('sorts the choices and records the response time from the opening', () => {
    const game = new Driver(
      newRoom('classic', [question('m', { type: 'multiple', correct: [0, 1] })], { readTimeMs: 0 }),
    );
    game.join('p1').join('p2').at(0).ok({ type: 'start' });
    game.at(100).ok({ type: 'next' });
    game.at(2_600).answer('p1', [1, 0]);
    expect(game.state.run?.answers[0]).toMatchObject({ choices: [0, 1], responseMs: 2_500 });
  });
});

describe('pause and resume', () => {
  it('stores the remaining time and recomputes the deadline from the resume', () => {
    const game = answeringGame();
    const paused = game.at(6_000).ok({ type: 'pause' });
    expect(game.state).toMatchObject({
      phase: 'paused',
      paused: { from: 'answering', remainingMs: 15_000, at: T0 + 6_000 },
    });
    expect(paused.effects).toContainEqual({ kind: 'cancel_timer' });
    const resumed = game.at(100_000).ok({ type: 'resume' });
    expect(game.state.phase).toBe('answering');
    expect(game.state.paused).toBeNull();
    expect(game.state.run?.deadlineAt).toBe(T0 + 115_000);
    expect(resumed.effects).toContainEqual({ kind: 'schedule', at: T0 + 115_500 });
  });

  it('refuses answers while paused and leaves paused time out of the response time', () => {
    const game = answeringGame();
    game.at(6_000).ok({ type: 'pause' });
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: [1] })).toEqual({
      ok: false,
      code: 'paused',
      message: 'Trò chơi đang tạm dừng.',
    });
    game.at(100_000).ok({ type: 'resume' });
    game.at(101_000).answer('p1', [1]);
    expect(game.state.run?.answers[0].responseMs).toBe(6_000);
  });

  it('ignores the timer while paused', () => {
    const game = answeringGame();
    game.at(6_000).ok({ type: 'pause' });
    const tick = game.at(DEADLINE + 10_000).ok({ type: 'tick' });
    expect(tick.effects).toEqual([]);
    expect(game.state.phase).toBe('paused');
  });

  it('keeps the remaining read time of the intro', () => {
    const game = new Driver(newRoom('classic', undefined, { readTimeMs: 4_000 }));
    game.join('p1').at(0).ok({ type: 'start' });
    game.at(1_000).ok({ type: 'pause' });
    expect(game.state.paused?.remainingMs).toBe(3_000);
    game.at(50_000).ok({ type: 'resume' });
    expect(game.state.run?.introEndsAt).toBe(T0 + 53_000);
  });

  it('pauses a phase without a timer and comes back to it', () => {
    const game = answeringGame();
    game.ok({ type: 'reveal' });
    game.ok({ type: 'pause' });
    expect(game.state.paused).toMatchObject({ from: 'revealed', remainingMs: null });
    game.ok({ type: 'resume' });
    expect(game.state.phase).toBe('revealed');
  });

  it('pausing in the grace period keeps 0 ms left', () => {
    const game = answeringGame();
    game.at(DEADLINE + 200).ok({ type: 'pause' });
    expect(game.state.paused?.remainingMs).toBe(0);
  });
});

describe('extendTime', () => {
  it('moves the deadline, enlarges the window and reschedules the lock', () => {
    const game = answeringGame();
    const extended = game.at(5_000).ok({ type: 'extendTime', ms: 10_000 });
    expect(game.state.run).toMatchObject({ deadlineAt: T0 + DEADLINE + 10_000, allowedMs: 30_000 });
    expect(extended.effects).toContainEqual({ kind: 'schedule', at: T0 + DEADLINE + 10_500 });
    game.at(DEADLINE + 5_000).answer('p1', [1]);
    game.ok({ type: 'reveal' });
    expect(game.player('p1').score).toBe(Math.round(1000 * (1 - 25_000 / 30_000 / 2)));
  });

  it('extends from now when asked during the grace period', () => {
    const game = answeringGame();
    game.at(DEADLINE + 300).ok({ type: 'extendTime', ms: 5_000 });
    expect(game.state.run).toMatchObject({ deadlineAt: T0 + DEADLINE + 5_300, allowedMs: 25_300 });
  });

  it('adds to the remaining time while paused', () => {
    const game = answeringGame();
    game.at(6_000).ok({ type: 'pause' });
    game.ok({ type: 'extendTime', ms: 5_000 });
    expect(game.state.paused?.remainingMs).toBe(20_000);
    game.at(10_000).ok({ type: 'resume' });
    expect(game.state.run).toMatchObject({ deadlineAt: T0 + 30_000, allowedMs: 25_000 });
  });

  it.each([0, -5, 1.5, 600_001, Number.NaN])('refuses an extension of %p ms', (ms) => {
    expect(answeringGame().no({ type: 'extendTime', ms })).toEqual({
      ok: false,
      code: 'invalid_input',
      message: 'Thời gian thêm phải là số mili giây từ 1 đến 600000.',
    });
  });

  it('refuses to extend a pause without a running timer', () => {
    const game = answeringGame();
    game.ok({ type: 'lock' });
    game.ok({ type: 'pause' });
    expect(game.no({ type: 'extendTime', ms: 1_000 })).toEqual({
      ok: false,
      code: 'wrong_phase',
      message: 'Giai đoạn này không có đồng hồ đếm ngược để thêm giờ.',
    });
  });
});

describe('skip, kick and end', () => {
  it('voids a skipped question: nothing scored, no answer shown, the game goes on', () => {
    const game = answeringGame();
    game.answer('p1', [1]);
    const skipped = game.ok({ type: 'skip' });
    expect(game.state.phase).toBe('leaderboard');
    expect(game.state.run).toMatchObject({ status: 'skipped', outcome: null });
    expect(game.player('p1').score).toBe(0);
    expect(skipped.effects).toContainEqual({ kind: 'cancel_timer' });
    game.ok({ type: 'next' });
    expect(game.state.run?.index).toBe(1);
  });

  it('can skip from the intro and from the lock', () => {
    const a = answeringGame();
    a.ok({ type: 'lock' });
    a.ok({ type: 'skip' });
    expect(a.state.run?.status).toBe('skipped');
    const b = new Driver(newRoom('classic'));
    b.join('p1').ok({ type: 'start' });
    b.ok({ type: 'skip' });
    expect(b.state.phase).toBe('leaderboard');
  });

  it('refuses to skip a revealed question', () => {
    const game = answeringGame();
    game.ok({ type: 'reveal' });
    expect(game.no({ type: 'skip' })).toEqual({
      ok: false,
      code: 'wrong_phase',
      message: 'Không thể hủy câu hỏi khi đang công bố đáp án.',
    });
  });

  it('kicks a player: disconnected, out of the ranking, their answers ignored', () => {
    const game = answeringGame({}, ['p1', 'p2', 'p3']);
    game.answer('p2', [1]);
    const kicked = game.ok({ type: 'kick', playerId: 'p2' });
    expect(kicked.effects).toContainEqual({
      kind: 'disconnect',
      playerId: 'p2',
      reason: 'Ban tổ chức đã mời bạn ra khỏi phòng thi.',
    });
    expect(game.no({ type: 'answer', playerId: 'p2', questionIndex: 0, choices: [1] }).code).toBe(
      'kicked',
    );
    game.ok({ type: 'reveal' });
    expect(game.state.run?.outcome?.scored.map((s) => s.playerId)).toEqual(['p1', 'p3']);
    expect(game.player('p2').score).toBe(0);
  });

  it('locks when the last player who had not answered is kicked', () => {
    const game = answeringGame({}, ['p1', 'p2']);
    game.answer('p1', [1]);
    game.ok({ type: 'kick', playerId: 'p2' });
    expect(game.state.phase).toBe('locked');
  });

  it('refuses to kick an unknown or already kicked player', () => {
    const game = answeringGame();
    expect(game.no({ type: 'kick', playerId: 'x' })).toEqual({
      ok: false,
      code: 'unknown_player',
      message: 'Không tìm thấy người chơi.',
    });
    game.ok({ type: 'kick', playerId: 'p1' });
    expect(game.no({ type: 'kick', playerId: 'p1' }).code).toBe('kicked');
  });

  it('ends at any time, voiding a running question, and refuses everything but the timer afterwards', () => {
    const game = answeringGame();
    game.answer('p1', [1]);
    const ended = game.at(9_000).ok({ type: 'end' });
    expect(game.state).toMatchObject({
      phase: 'finished',
      finishedAt: T0 + 9_000,
      run: { status: 'skipped' },
    });
    expect(ended.effects).toContainEqual({ kind: 'cancel_timer' });
    expect(game.player('p1').score).toBe(0);
    expect(game.no({ type: 'end' })).toEqual({
      ok: false,
      code: 'finished',
      message: 'Trò chơi đã kết thúc.',
    });
    expect(game.ok({ type: 'tick' }).effects).toEqual([]);
  });

  it('ends after a revealed question keeping its scores', () => {
    const game = answeringGame();
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' });
    game.ok({ type: 'end' });
    expect(game.state.run?.status).toBe('revealed');
    expect(game.player('p1').score).toBeGreaterThan(0);
  });
});

describe('the reducer', () => {
  it('never mutates the state it is given', () => {
    const game = answeringGame();
    const frozen = JSON.stringify(game.state);
    const before = game.state;
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' });
    expect(JSON.stringify(before)).toBe(frozen);
  });

  it('returns the same state and re-arms the timer for an early tick', () => {
    const game = answeringGame();
    const before = game.state;
    const tick = game.at(2_000).ok({ type: 'tick' });
    expect(tick.state).toBe(before);
    expect(tick.effects).toEqual([{ kind: 'schedule', at: T0 + DEADLINE + 500 }]);
  });

  it('refuses garbage instead of throwing', () => {
    const state = answeringGame().state;
    expect(apply(state, { type: 'tick' }, Number.NaN)).toEqual({
      ok: false,
      code: 'invalid_input',
      message: 'Thời điểm không hợp lệ.',
    });
    expect(apply(state, null as never, T0)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(apply(state, { type: 'explode' } as never, T0)).toEqual({
      ok: false,
      code: 'invalid_input',
      message: 'Thao tác không hợp lệ.',
    });
    expect(apply(state, { type: 'judge', correct: 'yes' } as never, T0)).toMatchObject({
      ok: false,
    });
  });

  it('puts persist first in the effects of every accepted change', () => {
    const game = answeringGame();
    expect(game.ok({ type: 'lock' }).effects[0]).toEqual({ kind: 'persist' });
  });
});

/** Freezes a value and everything it holds, so that a change in place throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

describe('purity', () => {
  it.each<LiveFormat>(['classic', 'golden_bell', 'buzzer'])(
    'a full %s game replays on frozen states: no command changes the state it is given',
    (format) => {
      const game = fullGame(format);
      let state: LiveState = game.trail[0];
      for (const [i, entry] of game.log.entries()) {
        const result = apply(deepFreeze(state), entry.command, entry.now);
        if (!result.ok) throw new Error(`${entry.command.type} refused: ${result.message}`);
        expect(result.state).toEqual(game.trail[i + 1]);
        state = result.state;
      }
    },
  );

  it('shares the O(players) answer and scored lists with host commands instead of copying them', () => {
    const game = answeringGame();
    game.at(2_000).answer('p1', [1]);
    game.at(3_000).answer('p2', [0]);
    const locked = game.state;
    game.ok({ type: 'reveal' });
    expect(game.state.run?.answers).toBe(locked.run?.answers);
    const revealed = game.state;
    game.ok({ type: 'next' }); // leaderboard
    expect(game.state.run?.answers).toBe(revealed.run?.answers);
    expect(game.state.run?.outcome?.scored).toBe(revealed.run?.outcome?.scored);
    expect(game.state.run?.outcome?.scored).toHaveLength(2);
    // The rest is a copy: a player changed by a later command is a new object.
    expect(game.state.players).not.toBe(revealed.players);
  });
});
