import { Driver, newRoom, question } from './live-room.test-support';
import { LiveQuestionInput, LiveSettings } from './live-room.types';
import { survivors } from './ranking';

/** Golden bell with players p1..pN, on question 1 (index 0) with answering open. */
function bell(
  questions: LiveQuestionInput[] = [
    question('q1'),
    question('q2'),
    question('q3'),
    question('r1', { kind: 'rescue' }),
    question('r2', { kind: 'rescue' }),
  ],
  players = ['p1', 'p2', 'p3'],
  settings: Partial<Omit<LiveSettings, 'format'>> = {},
) {
  const game = new Driver(newRoom('golden_bell', questions, settings));
  players.forEach((id, i) =>
    game.join(id, `Thí sinh ${i + 1}`, { number: String(i + 1).padStart(2, '0') }),
  );
  game.at(0).ok({ type: 'start' });
  game.ok({ type: 'next' });
  return game;
}

/** From revealed: leaderboard, then the next question with answering open. */
function nextQuestion(game: Driver) {
  game.ok({ type: 'next' });
  game.ok({ type: 'next' });
  game.ok({ type: 'next' });
}

const alive = (game: Driver) => survivors(game.state).map((p) => p.id);

describe('golden bell', () => {
  it('eliminates wrong and missing answers at the reveal, not before', () => {
    const game = bell();
    game.answer('p1', [1]);
    game.answer('p2', [0]);
    game.ok({ type: 'lock' });
    expect(alive(game)).toEqual(['p1', 'p2', 'p3']);
    game.ok({ type: 'reveal' });
    expect(alive(game)).toEqual(['p1']);
    expect(game.state.run?.outcome).toMatchObject({ eliminated: ['p2', 'p3'], reverted: false });
    expect(game.player('p2')).toMatchObject({ eliminated: true, eliminatedAtSeq: 1 });
  });

  it('scores correct answers with the flat points by default', () => {
    const game = bell();
    game.at(15_000).answer('p1', [1]);
    game.ok({ type: 'reveal' });
    expect(game.player('p1').score).toBe(1000);
  });

  it('refuses an answer from an eliminated player', () => {
    const game = bell();
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' });
    nextQuestion(game);
    expect(game.no({ type: 'answer', playerId: 'p2', questionIndex: 1, choices: [1] })).toEqual({
      ok: false,
      code: 'not_eligible',
      message: 'Bạn đã bị loại, chỉ được trả lời câu cứu trợ.',
    });
  });

  it('locks when every player still alive has answered', () => {
    const game = bell();
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' });
    nextQuestion(game);
    game.answer('p1', [1]);
    expect(game.state.phase).toBe('locked');
  });

  it('eliminates nobody when a question would eliminate everyone still alive', () => {
    const game = bell();
    game.answer('p1', [1]);
    game.answer('p2', [1]);
    game.ok({ type: 'reveal' }); // p3 out
    nextQuestion(game);
    game.answer('p1', [0]);
    game.answer('p2', [3]);
    game.ok({ type: 'reveal' });
    expect(game.state.run?.outcome).toMatchObject({ eliminated: [], reverted: true });
    expect(alive(game)).toEqual(['p1', 'p2']);
    expect(game.player('p3').eliminatedAtSeq).toBe(1);
  });

  it('eliminates everyone when the revert rule is off', () => {
    const game = bell(undefined, ['p1', 'p2'], { allEliminatedRevert: false });
    game.ok({ type: 'reveal' });
    expect(alive(game)).toEqual([]);
    expect(game.state.run?.outcome?.reverted).toBe(false);
  });

  it('ranks later eliminations above earlier ones', () => {
    const game = bell(undefined, ['p1', 'p2', 'p3']);
    game.answer('p1', [1]);
    game.answer('p2', [1]);
    game.ok({ type: 'reveal' }); // p3 out at seq 1
    nextQuestion(game);
    game.answer('p1', [1]);
    game.answer('p2', [0]);
    game.ok({ type: 'reveal' }); // p2 out at seq 2
    expect(game.state.players.map((p) => [p.id, p.eliminatedAtSeq])).toEqual([
      ['p1', null],
      ['p2', 2],
      ['p3', 1],
    ]);
    expect(survivors(game.state).map((p) => p.id)).toEqual(['p1']);
  });

  describe('rescue question (câu cứu trợ)', () => {
    function afterFirstReveal() {
      const game = bell(undefined, ['p1', 'p2', 'p3', 'p4']);
      game.answer('p1', [1]);
      game.answer('p2', [0]);
      game.ok({ type: 'reveal' }); // p2, p3, p4 out
      return game;
    }

    it('is answered only by eliminated players and brings back those who are right', () => {
      const game = afterFirstReveal();
      game.ok({ type: 'startRescue' });
      expect(game.state).toMatchObject({ phase: 'question_intro', run: { index: 3 } });
      game.ok({ type: 'next' });
      expect(game.no({ type: 'answer', playerId: 'p1', questionIndex: 3, choices: [1] })).toEqual({
        ok: false,
        code: 'not_eligible',
        message: 'Câu cứu trợ chỉ dành cho thí sinh đã bị loại.',
      });
      game.answer('p2', [1]);
      game.answer('p3', [0]);
      game.ok({ type: 'reveal' });
      expect(game.state.run?.outcome).toMatchObject({ revived: ['p2'], eliminated: [] });
      expect(alive(game)).toEqual(['p1', 'p2']);
      expect(game.player('p2')).toMatchObject({ score: 0, eliminatedAtSeq: null });
    });

    it('locks when every eliminated player has answered', () => {
      const game = afterFirstReveal();
      game.ok({ type: 'startRescue' });
      game.ok({ type: 'next' });
      game.answer('p2', [1]);
      game.answer('p3', [1]);
      game.answer('p4', [1]);
      expect(game.state.phase).toBe('locked');
    });

    it('is played out of the main sequence, which then goes on where it was', () => {
      const game = afterFirstReveal();
      game.ok({ type: 'next' }); // leaderboard
      game.ok({ type: 'startRescue', questionIndex: 4 });
      expect(game.index).toBe(4);
      game.ok({ type: 'next' });
      game.ok({ type: 'reveal' });
      game.ok({ type: 'next' });
      game.ok({ type: 'next' });
      expect(game.index).toBe(1);
      expect(game.state.run?.seq).toBe(3);
    });

    it('refuses a rescue when nobody is eliminated, when none is left, and for a non-rescue question', () => {
      const clean = bell();
      clean.answer('p1', [1]);
      clean.answer('p2', [1]);
      clean.answer('p3', [1]);
      clean.ok({ type: 'reveal' });
      expect(clean.no({ type: 'startRescue' })).toEqual({
        ok: false,
        code: 'nobody_to_rescue',
        message: 'Không có thí sinh nào bị loại để cứu trợ.',
      });

      const game = afterFirstReveal();
      expect(game.no({ type: 'startRescue', questionIndex: 1 })).toEqual({
        ok: false,
        code: 'no_rescue_question',
        message: 'Câu hỏi này không phải câu cứu trợ hoặc đã được dùng.',
      });
      for (let i = 0; i < 2; i++) {
        game.ok({ type: 'startRescue' });
        game.ok({ type: 'next' });
        game.ok({ type: 'reveal' });
      }
      expect(game.no({ type: 'startRescue' })).toEqual({
        ok: false,
        code: 'no_rescue_question',
        message: 'Không còn câu cứu trợ nào.',
      });
      expect(game.no({ type: 'startRescue', questionIndex: 3 }).code).toBe('no_rescue_question');
    });

    it('revives nobody when skipped', () => {
      const game = afterFirstReveal();
      game.ok({ type: 'startRescue' });
      game.ok({ type: 'next' });
      game.answer('p2', [1]);
      game.ok({ type: 'skip' });
      expect(alive(game)).toEqual(['p1']);
    });
  });

  describe('revive (cứu by number)', () => {
    it('brings the chosen eliminated players back between questions', () => {
      const game = bell();
      game.answer('p1', [1]);
      game.ok({ type: 'reveal' });
      game.ok({ type: 'revive', playerIds: ['p3'] });
      expect(alive(game)).toEqual(['p1', 'p3']);
      game.ok({ type: 'next' });
      game.ok({ type: 'next' });
      game.ok({ type: 'revive', playerIds: ['p2'] }); // during the intro: p2 may answer
      game.ok({ type: 'next' });
      game.answer('p2', [1]);
    });

    it('refuses unknown, kicked and not eliminated players, changing nobody', () => {
      const game = bell();
      game.answer('p1', [1]);
      game.ok({ type: 'reveal' });
      expect(game.no({ type: 'revive', playerIds: ['p2', 'p1'] })).toEqual({
        ok: false,
        code: 'not_eliminated',
        message: 'Thí sinh này chưa bị loại. (Thí sinh 1)',
      });
      expect(game.no({ type: 'revive', playerIds: ['zz'] }).code).toBe('unknown_player');
      expect(game.no({ type: 'revive', playerIds: [] })).toEqual({
        ok: false,
        code: 'invalid_input',
        message: 'Hãy chọn ít nhất một thí sinh để cứu.',
      });
      game.ok({ type: 'kick', playerId: 'p3' });
      expect(game.no({ type: 'revive', playerIds: ['p3'] }).code).toBe('unknown_player');
      expect(alive(game)).toEqual(['p1']);
    });

    it('refuses to revive during answering', () => {
      const game = bell();
      game.answer('p1', [1]);
      game.ok({ type: 'reveal' });
      nextQuestion(game);
      expect(game.no({ type: 'revive', playerIds: ['p2'] })).toEqual({
        ok: false,
        code: 'wrong_phase',
        message: 'Không thể cứu thí sinh khi đang trong thời gian trả lời.',
      });
    });
  });

  it('lets everyone answer an audience question and eliminates nobody', () => {
    const game = bell(
      [question('q1'), question('k', { kind: 'audience' }), question('q3')],
      ['p1', 'p2'],
    );
    game.answer('p1', [1]);
    game.ok({ type: 'reveal' }); // p2 out
    nextQuestion(game);
    game.answer('p2', [1]);
    game.answer('p1', [0]);
    expect(game.state.phase).toBe('locked');
    game.ok({ type: 'reveal' });
    expect(game.state.run?.outcome).toMatchObject({
      eliminated: [],
      revived: [],
      distribution: [1, 1, 0, 0],
    });
    expect(alive(game)).toEqual(['p1']);
    expect(game.player('p1').score).toBe(1000);
  });

  it('refuses the golden-bell commands in other formats', () => {
    const game = new Driver(newRoom('classic'));
    game.join('p1');
    expect(game.no({ type: 'revive', playerIds: ['p1'] })).toEqual({
      ok: false,
      code: 'wrong_format',
      message: 'Thao tác này chỉ dùng cho phần thi Rung chuông vàng.',
    });
    expect(game.no({ type: 'startRescue' }).code).toBe('wrong_format');
  });
});
