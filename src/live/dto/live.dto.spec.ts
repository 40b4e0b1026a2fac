import 'reflect-metadata';
import { seededRandom } from '../../practice/draw';
import { validateSocketPayload } from '../../realtime/socket-validation.pipe';
import { LiveAnswerDto, wellFormedAnswer } from './live.dto';

/** What class-validator says of a payload: the accepted DTO, or null when it reports an error. */
function byDecorators(body: unknown): LiveAnswerDto | null {
  try {
    return validateSocketPayload(LiveAnswerDto, body);
  } catch {
    return null;
  }
}

/** Values a field may be sent with: in range, at and past each bound, and of every other type. */
const NUMBERS = [0, -0, 1, 3, 9, 10, -1, 2.5, 0.1, 10_000, 10_001, 9_999.5, NaN, Infinity];
const OTHERS = ['1', '', true, false, null, undefined, {}, [], [1], { 0: 1 }];

describe('wellFormedAnswer (the fast path of live:answer)', () => {
  it('accepts what the DTO accepts, with the same values', () => {
    for (const body of [
      { questionIndex: 0, choices: [0] },
      { questionIndex: 10_000, choices: [9, 0, 3] },
      { questionIndex: 7, choices: [1, 1] },
      { questionIndex: 2, choices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] },
    ]) {
      const fast = wellFormedAnswer(body);
      expect(fast).toBeInstanceOf(LiveAnswerDto);
      expect(fast).toEqual(byDecorators(body));
    }
  });

  it('leaves everything the DTO refuses to class-validator', () => {
    for (const body of [
      null,
      undefined,
      'answer',
      42,
      [],
      [{ questionIndex: 0, choices: [0] }],
      {},
      { questionIndex: 0 },
      { choices: [0] },
      { questionIndex: 0, choices: [] },
      { questionIndex: 0, choices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0] },
      { questionIndex: 0, choices: [10] },
      { questionIndex: 0, choices: ['1'] },
      { questionIndex: -1, choices: [0] },
      { questionIndex: 1.5, choices: [0] },
      { questionIndex: '1', choices: [0] },
      { questionIndex: 0, choices: 0 },
      { questionIndex: 0, choices: [0], extra: true },
      { questionIndex: 0, choices: [0], playerId: 'someone-else' },
    ]) {
      expect(byDecorators(body)).toBeNull();
      expect(wellFormedAnswer(body)).toBeNull();
    }
  });

  // What it accepts, the decorators accept with the same values; what it leaves (it may leave a
  // payload they accept, such as one with a `constructor` key) goes to them anyway.
  it('never accepts what the decorators refuse, on 20,000 random payloads', () => {
    const random = seededRandom(20261207);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const value = (): unknown => (random() < 0.7 ? pick(NUMBERS) : pick(OTHERS));
    const choices = (): unknown =>
      random() < 0.8
        ? Array.from({ length: Math.floor(random() * 12) }, () =>
            random() < 0.85 ? Math.floor(random() * 11) : value(),
          )
        : value();
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const body: Record<string, unknown> = {};
      if (random() < 0.95) body.questionIndex = random() < 0.8 ? Math.floor(random() * 3) : value();
      if (random() < 0.95) body.choices = choices();
      if (random() < 0.05) body[pick(['extra', 'gameId', 'constructor'])] = value();
      const expected = byDecorators(body);
      const fast = wellFormedAnswer(body);
      if (fast !== null) {
        expect(fast).toEqual(expected);
        accepted += 1;
      } else if (expected !== null) {
        // The one kind of payload the decorators take and the fast path leaves to them.
        expect(Object.keys(body)).toContain('constructor');
      }
    }
    // Both sides of the check are exercised, not only refusals.
    expect(accepted).toBeGreaterThan(2_000);
    expect(accepted).toBeLessThan(18_000);
  });
});
