import { createLiveRoom, defaultSettings } from './live-room.create';
import { question } from './live-room.test-support';
import { LiveQuestionInput } from './live-room.types';

describe('createLiveRoom', () => {
  it('opens a room in the lobby with the defaults of its format', () => {
    const created = createLiveRoom({ roomId: 'r', format: 'classic', questions: [question('q1')] });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.state.phase).toBe('lobby');
    expect(created.state.settings).toEqual(defaultSettings('classic'));
    expect(created.state.questions[0]).toMatchObject({
      kind: 'normal',
      explanation: 'SECRET-EXPLANATION-q1',
    });
  });

  it('stores a question without explanation or kind as JSON-safe nulls and defaults', () => {
    const { explanation: _e, ...bare } = question('q1');
    const created = createLiveRoom({ roomId: 'r', format: 'classic', questions: [bare] });
    expect(created.ok && created.state.questions[0]).toMatchObject({
      explanation: null,
      kind: 'normal',
    });
  });

  it('has sensible defaults per format', () => {
    expect(defaultSettings('classic')).toMatchObject({
      speedBonus: true,
      readTimeMs: 3000,
      graceMs: 500,
      answerPolicy: 'first_final',
      allEliminatedRevert: true,
    });
    expect(defaultSettings('golden_bell')).toMatchObject({ speedBonus: false, readTimeMs: 0 });
    expect(defaultSettings('buzzer')).toMatchObject({ speedBonus: false, buzzerPenalty: 0 });
  });

  it('merges the given settings over the defaults', () => {
    const created = createLiveRoom({
      roomId: 'r',
      format: 'buzzer',
      questions: [question('q1')],
      settings: { buzzerPenalty: 50 },
    });
    expect(created.ok && created.state.settings.buzzerPenalty).toBe(50);
  });

  it.each<[string, Partial<LiveQuestionInput>]>([
    ['an empty text', { text: '  ' }],
    ['one option', { options: ['A'], correct: [0] }],
    ['an empty option', { options: ['A', ''], correct: [0] }],
    ['a correct index out of range', { correct: [4] }],
    ['two correct answers on a single-choice question', { correct: [0, 1] }],
    ['no correct answer', { correct: [] }],
    ['a repeated correct answer', { type: 'multiple', correct: [1, 1] }],
    [
      'a true/false question with 3 options',
      { type: 'true_false', options: ['Đúng', 'Sai', 'Không rõ'], correct: [0] },
    ],
    ['negative points', { points: -1 }],
    ['a time limit under one second', { timeLimitMs: 999 }],
    ['an unknown type', { type: 'essay' as never }],
    ['an unknown kind', { kind: 'bonus' as never }],
  ])('refuses a question with %s', (_label, overrides) => {
    const created = createLiveRoom({
      roomId: 'r',
      format: 'classic',
      questions: [question('q1', overrides)],
    });
    expect(created).toMatchObject({ ok: false, code: 'invalid_question' });
    expect(!created.ok && created.message).toMatch(/^Câu hỏi thứ 1: /);
  });

  it('refuses duplicate question ids, no questions, and only rescue questions', () => {
    expect(
      createLiveRoom({ roomId: 'r', format: 'classic', questions: [question('a'), question('a')] }),
    ).toMatchObject({ ok: false, message: 'Câu hỏi thứ 2: mã câu hỏi bị trùng.' });
    expect(createLiveRoom({ roomId: 'r', format: 'classic', questions: [] })).toMatchObject({
      ok: false,
      message: 'Phòng thi chưa có câu hỏi nào.',
    });
    expect(
      createLiveRoom({
        roomId: 'r',
        format: 'golden_bell',
        questions: [question('a', { kind: 'rescue' })],
      }),
    ).toMatchObject({ ok: false, code: 'invalid_question' });
  });

  it('accepts a multiple-choice question with several correct options', () => {
    expect(
      createLiveRoom({
        roomId: 'r',
        format: 'classic',
        questions: [question('m', { type: 'multiple', correct: [3, 0] })],
      }),
    ).toMatchObject({ ok: true });
  });

  it.each([
    [{ maxPlayers: 0 }, 'Số người chơi tối đa phải là số nguyên từ 1 đến 5000.'],
    [{ graceMs: -1 }, 'Thời gian gia hạn do mạng chậm phải là số nguyên từ 0 đến 10000.'],
    [{ streakBonus: 1.5 }, 'Điểm thưởng chuỗi phải là số nguyên từ 0 đến 100000.'],
    [{ answerPolicy: 'last' as never }, 'Cách tính câu trả lời không hợp lệ.'],
    [{ teamScoring: 'max' as never }, 'Cách tính điểm đội không hợp lệ.'],
    [{ speedBonus: 'yes' as never }, 'Tùy chọn speedBonus phải là true hoặc false.'],
  ])('refuses the settings %j', (settings, message) => {
    expect(
      createLiveRoom({ roomId: 'r', format: 'classic', questions: [question('q1')], settings }),
    ).toEqual({ ok: false, code: 'invalid_settings', message });
  });

  it('refuses an unknown format and a missing room id', () => {
    expect(
      createLiveRoom({ roomId: 'r', format: 'olympia' as never, questions: [question('q1')] }),
    ).toMatchObject({ ok: false, code: 'invalid_settings' });
    expect(
      createLiveRoom({ roomId: ' ', format: 'classic', questions: [question('q1')] }),
    ).toMatchObject({ ok: false, code: 'invalid_input' });
  });
});
