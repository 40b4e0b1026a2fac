import { nextTimerAt } from './live-room.machine';
import { Driver, T0, newRoom, question } from './live-room.test-support';
import { LiveSettings } from './live-room.types';

/** Buzzer game with p1..p3; the buzzer opened at T0 + 1000 on question 1 (window 20 s). */
function buzzer(settings: Partial<Omit<LiveSettings, 'format'>> = {}) {
  const game = new Driver(
    newRoom('buzzer', [question('q1', { points: 30 }), question('q2', { points: 20 })], settings),
  );
  game.join('p1').join('p2').join('p3');
  game.at(0).ok({ type: 'start' });
  game.at(500).ok({ type: 'next' });
  expect(game.state.phase).toBe('buzzer_armed');
  game.at(1_000).ok({ type: 'openBuzzer' });
  return game;
}

describe('buzzer (giành quyền trả lời)', () => {
  it('gives the right to answer to the first press by arrival and refuses the others', () => {
    const game = buzzer();
    game.at(1_700).buzz('p2');
    expect(game.state.phase).toBe('buzzer_won');
    expect(game.state.run?.buzzer?.winner).toEqual({
      playerId: 'p2',
      at: T0 + 1_700,
      responseMs: 700,
    });
    game.at(1_700);
    expect(game.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 })).toEqual({
      ok: false,
      code: 'buzzer_taken',
      message: 'Đã có người giành quyền trả lời.',
    });
  });

  it('refuses a press before the buzzer opens', () => {
    const game = new Driver(newRoom('buzzer'));
    game.join('p1').ok({ type: 'start' });
    expect(game.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 })).toEqual({
      ok: false,
      code: 'buzzer_closed',
      message: 'Chuông chưa mở.',
    });
    game.ok({ type: 'next' });
    expect(game.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 }).code).toBe('buzzer_closed');
  });

  it('can open the buzzer straight from the intro', () => {
    const game = new Driver(newRoom('buzzer'));
    game.join('p1').ok({ type: 'start' });
    game.ok({ type: 'openBuzzer' });
    expect(game.state.phase).toBe('buzzer_open');
  });

  it('arms the buzzer by itself after the read time', () => {
    const game = new Driver(newRoom('buzzer', undefined, { readTimeMs: 2_000 }));
    game.join('p1').at(0).ok({ type: 'start' });
    game.at(2_000).ok({ type: 'tick' });
    expect(game.state.phase).toBe('buzzer_armed');
  });

  it('gives the points for a right answer and reveals', () => {
    const game = buzzer();
    game.at(3_000).buzz('p1');
    game.ok({ type: 'judge', correct: true });
    expect(game.state.phase).toBe('revealed');
    expect(game.player('p1')).toMatchObject({ score: 30, correctCount: 1, correctTimeMs: 2_000 });
    expect(game.state.run?.outcome?.scored).toEqual([
      {
        playerId: 'p1',
        answered: true,
        choices: null,
        isCorrect: true,
        responseMs: 2_000,
        points: 30,
        streakBonus: 0,
      },
    ]);
  });

  it('takes the penalty for a wrong answer, locks the player out and closes the buzzer', () => {
    const game = buzzer({ buzzerPenalty: 10 });
    game.at(2_000).buzz('p1');
    game.ok({ type: 'judge', correct: false });
    expect(game.state.phase).toBe('buzzer_armed');
    expect(game.player('p1').score).toBe(-10);
    expect(game.state.run?.buzzer?.lockedOut).toEqual(['p1']);
    game.ok({ type: 'openBuzzer' }); // reopen for the rest
    expect(game.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 })).toEqual({
      ok: false,
      code: 'locked_out',
      message: 'Bạn đã trả lời sai câu này, không được bấm chuông lại.',
    });
    game.at(4_000).buzz('p3');
    expect(game.state.run?.buzzer?.winner).toMatchObject({ playerId: 'p3', responseMs: 2_000 });
    game.ok({ type: 'judge', correct: true });
    expect(game.state.run?.outcome?.scored.map((s) => [s.playerId, s.points])).toEqual([
      ['p1', -10],
      ['p3', 30],
    ]);
  });

  it('refuses to reopen when every player is locked out, and the host reveals', () => {
    const game = buzzer();
    for (const id of ['p1', 'p2', 'p3']) {
      if (game.state.phase === 'buzzer_armed') game.ok({ type: 'openBuzzer' });
      game.buzz(id);
      game.ok({ type: 'judge', correct: false });
    }
    expect(game.no({ type: 'openBuzzer' })).toEqual({
      ok: false,
      code: 'locked_out',
      message: 'Tất cả người chơi đã trả lời sai hoặc không còn ai được bấm chuông ở câu này.',
    });
    game.ok({ type: 'reveal' });
    expect(game.state.run?.outcome?.scored.every((s) => !s.isCorrect)).toBe(true);
  });

  it('closes the buzzer when its window runs out (plus grace) with nobody pressing', () => {
    const game = buzzer();
    expect(nextTimerAt(game.state)).toBe(T0 + 21_500);
    game.at(21_500);
    const tick = game.ok({ type: 'tick' });
    expect(game.state.phase).toBe('buzzer_armed');
    expect(tick.effects).toContainEqual({ kind: 'cancel_timer' });
  });

  it('accepts a press at the end of the window plus grace and refuses one later', () => {
    const a = buzzer();
    a.at(21_500).buzz('p1');
    const b = buzzer();
    b.at(21_501);
    expect(b.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 })).toEqual({
      ok: false,
      code: 'buzzer_closed',
      message: 'Đã hết thời gian bấm chuông.',
    });
  });

  it('lets the host close the buzzer and reveal without a winner', () => {
    const game = buzzer();
    game.ok({ type: 'lock' });
    expect(game.state.phase).toBe('buzzer_armed');
    game.ok({ type: 'reveal' });
    expect(game.state.run?.outcome?.scored).toEqual([]);
  });

  it('keeps the remaining window across a pause', () => {
    const game = buzzer();
    game.at(6_000).ok({ type: 'pause' });
    expect(game.state.paused).toMatchObject({ from: 'buzzer_open', remainingMs: 15_000 });
    expect(game.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 }).code).toBe('paused');
    game.at(50_000).ok({ type: 'resume' });
    game.at(51_000).buzz('p1');
    expect(game.state.run?.buzzer?.winner?.responseMs).toBe(6_000);
  });

  it('gives back the penalties when the question is skipped', () => {
    const game = buzzer({ buzzerPenalty: 10 });
    game.buzz('p1');
    game.ok({ type: 'judge', correct: false });
    game.ok({ type: 'skip' });
    expect(game.player('p1').score).toBe(0);
    expect(game.state.run?.status).toBe('skipped');
  });

  it('closes the buzzer when the player who won the right is kicked', () => {
    const game = buzzer();
    game.buzz('p2');
    game.ok({ type: 'kick', playerId: 'p2' });
    expect(game.state.phase).toBe('buzzer_armed');
    expect(game.state.run?.buzzer?.winner).toBeNull();
  });

  it('closes the buzzer on resume when the winner was kicked during a pause', () => {
    const game = buzzer();
    game.buzz('p2');
    game.ok({ type: 'pause' });
    game.ok({ type: 'kick', playerId: 'p2' });
    game.ok({ type: 'resume' });
    expect(game.state.phase).toBe('buzzer_armed');
  });

  it('scores nothing on an audience question', () => {
    const game = new Driver(
      newRoom('buzzer', [question('k', { kind: 'audience' })], { buzzerPenalty: 5 }),
    );
    game.join('p1').join('p2').ok({ type: 'start' });
    game.ok({ type: 'openBuzzer' });
    game.buzz('p1');
    game.ok({ type: 'judge', correct: false });
    game.ok({ type: 'openBuzzer' });
    game.buzz('p2');
    game.ok({ type: 'judge', correct: true });
    expect(game.state.players.map((p) => p.score)).toEqual([0, 0]);
  });

  it('refuses answers by choice in a buzzer round and buzzes in other formats', () => {
    const game = buzzer();
    expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 0, choices: [1] })).toEqual({
      ok: false,
      code: 'wrong_format',
      message: 'Phần thi này trả lời bằng cách bấm chuông.',
    });
    const classic = new Driver(newRoom('classic'));
    classic.join('p1');
    expect(classic.no({ type: 'buzz', playerId: 'p1', questionIndex: 0 })).toEqual({
      ok: false,
      code: 'wrong_format',
      message: 'Phần thi này không dùng chuông.',
    });
    expect(classic.no({ type: 'judge', correct: true })).toEqual({
      ok: false,
      code: 'wrong_format',
      message: 'Thao tác này chỉ dùng cho phần thi giành quyền trả lời.',
    });
  });

  it('plays the next question with a fresh buzzer', () => {
    const game = buzzer();
    game.buzz('p1');
    game.ok({ type: 'judge', correct: false });
    game.ok({ type: 'reveal' });
    game.ok({ type: 'next' });
    game.ok({ type: 'next' });
    expect(game.state.run?.buzzer).toEqual({
      openedAt: null,
      winner: null,
      lockedOut: [],
      attempts: [],
    });
  });
});
