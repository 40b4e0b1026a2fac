import 'reflect-metadata';
import { seededRandom } from '../../practice/draw';
import { validateSocketPayload } from '../../realtime/socket-validation.pipe';
import {
  AttemptSaveDto,
  AttemptSubmitDto,
  wellFormedSave,
  wellFormedSubmit,
} from './attempt-socket.dto';

/** What class-validator says of a payload: the accepted DTO, or null when it reports an error. */
function byDecorators<T extends object>(dto: new () => T, body: unknown): T | null {
  try {
    return validateSocketPayload(dto, body);
  } catch {
    return null;
  }
}

const ID = '0b7c8a52-3f0e-4d7e-9a4c-1f2e3d4c5b6a';
const TOKEN = 'k7Q2xYw9-participant-session-token';
/** Values a field may be sent with: valid ones, ones at and past each bound, every other type. */
const IDS = [ID, ID.toUpperCase(), ID.slice(1), `${ID}0`, 'not-a-uuid', ''];
const TOKENS = [TOKEN, 'x', '', 'ả'.repeat(200), 'a'.repeat(201), '😀'.repeat(150)];
const NUMBERS = [0, -0, 1, 3, 5, -1, 2.5, 1e21, NaN, Infinity, -Infinity];
const OTHERS = ['1', '', true, false, null, undefined, {}, [], [1], { 0: 1 }];

describe('fast paths of attempt:save and attempt:submit', () => {
  it('accept what the DTOs accept, with the same values', () => {
    for (const body of [
      { participantToken: TOKEN, attemptId: ID, position: 0, chosen: [0] },
      { participantToken: TOKEN, attemptId: ID, position: 39, chosen: [] },
      {
        participantToken: 'x',
        attemptId: ID.toUpperCase(),
        position: 2,
        chosen: [3, 1, 1, 0, 2, 5],
      },
      { participantToken: TOKEN, attemptId: ID, position: -1, chosen: [-3] },
    ]) {
      const fast = wellFormedSave(body);
      expect(fast).toBeInstanceOf(AttemptSaveDto);
      expect(fast).toEqual(byDecorators(AttemptSaveDto, body));
    }
    for (const body of [
      { participantToken: TOKEN, attemptId: ID },
      { participantToken: TOKEN, attemptId: ID, prediction: 12 },
      { participantToken: TOKEN, attemptId: ID, prediction: 37.5 },
      { participantToken: TOKEN, attemptId: ID, prediction: -4 },
    ]) {
      const fast = wellFormedSubmit(body);
      expect(fast).toBeInstanceOf(AttemptSubmitDto);
      expect(fast).toEqual(byDecorators(AttemptSubmitDto, body));
    }
  });

  it('leave everything the DTOs refuse to class-validator', () => {
    const save = { participantToken: TOKEN, attemptId: ID, position: 0, chosen: [0] };
    for (const body of [
      null,
      'save',
      [save],
      {},
      { ...save, participantToken: '' },
      { ...save, participantToken: 'a'.repeat(201) },
      { ...save, attemptId: 'not-a-uuid' },
      { ...save, position: 1.5 },
      { ...save, position: '1' },
      { ...save, chosen: 0 },
      { ...save, chosen: [0, 1, 2, 3, 4, 5, 6] },
      { ...save, chosen: ['1'] },
      { ...save, extra: true },
    ]) {
      expect(byDecorators(AttemptSaveDto, body)).toBeNull();
      expect(wellFormedSave(body)).toBeNull();
    }
    const submit = { participantToken: TOKEN, attemptId: ID };
    for (const body of [
      null,
      { attemptId: ID },
      { ...submit, attemptId: 42 },
      { ...submit, prediction: '5' },
      { ...submit, prediction: NaN },
      { ...submit, prediction: Infinity },
      { ...submit, score: 10 },
    ]) {
      expect(byDecorators(AttemptSubmitDto, body)).toBeNull();
      expect(wellFormedSubmit(body)).toBeNull();
    }
  });

  // What a fast path accepts, the decorators accept with the same values; what it leaves (it
  // may leave a payload they accept, e.g. a null prediction or a `constructor` key) goes to them.
  it('never accept what the decorators refuse, on 20,000 random payloads each', () => {
    const random = seededRandom(20261207);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const value = (): unknown => (random() < 0.6 ? pick(NUMBERS) : pick(OTHERS));
    const field = (valid: readonly unknown[]): unknown => (random() < 0.85 ? pick(valid) : value());
    const extra = (body: Record<string, unknown>) => {
      if (random() < 0.05) body[pick(['extra', 'score', 'constructor'])] = value();
    };
    let savesAccepted = 0;
    let submitsAccepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const save: Record<string, unknown> = {};
      if (random() < 0.97) save.participantToken = field(TOKENS);
      if (random() < 0.97) save.attemptId = field(IDS);
      if (random() < 0.97) save.position = random() < 0.8 ? Math.floor(random() * 40) : value();
      if (random() < 0.97)
        save.chosen =
          random() < 0.85
            ? Array.from({ length: Math.floor(random() * 8) }, () =>
                random() < 0.9 ? Math.floor(random() * 6) : value(),
              )
            : value();
      extra(save);
      const fastSave = wellFormedSave(save);
      const expectedSave = byDecorators(AttemptSaveDto, save);
      if (fastSave !== null) {
        expect(fastSave).toEqual(expectedSave);
        savesAccepted += 1;
      } else if (expectedSave !== null) {
        expect(Object.keys(save)).toContain('constructor');
      }

      const submit: Record<string, unknown> = {};
      if (random() < 0.97) submit.participantToken = field(TOKENS);
      if (random() < 0.97) submit.attemptId = field(IDS);
      if (random() < 0.6) submit.prediction = random() < 0.7 ? random() * 100 : value();
      extra(submit);
      const fastSubmit = wellFormedSubmit(submit);
      const expectedSubmit = byDecorators(AttemptSubmitDto, submit);
      if (fastSubmit !== null) {
        expect(fastSubmit).toEqual(expectedSubmit);
        submitsAccepted += 1;
      } else if (expectedSubmit !== null) {
        // IsOptional takes null and undefined as absent; the fast path leaves those to it.
        expect(
          Object.keys(submit).includes('constructor') ||
            submit.prediction === null ||
            submit.prediction === undefined,
        ).toBe(true);
      }
    }
    // Both sides of each check are exercised, not only refusals.
    for (const accepted of [savesAccepted, submitsAccepted]) {
      expect(accepted).toBeGreaterThan(1_000);
      expect(accepted).toBeLessThan(18_000);
    }
  });
});
