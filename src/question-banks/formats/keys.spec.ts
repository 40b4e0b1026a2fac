import { lettersOf, parseKey } from './keys';

const FOUR = ['Cấp tỉnh', 'Cấp huyện', 'Cấp xã', 'Cấp thôn'];

describe('parseKey', () => {
  it.each([
    ['B', [1]],
    ['b', [1]],
    [' B. ', [1]],
    ['(C)', [2]],
    ['A,C', [0, 2]],
    ['A;C', [0, 2]],
    ['a;c', [0, 2]],
    ['A, C', [0, 2]],
    ['A và C', [0, 2]],
    ['A va c', [0, 2]],
    ['A/C', [0, 2]],
    ['A + C', [0, 2]],
    ['C, A, A', [0, 2]],
    ['AC', [0, 2]],
    ['2', [1]],
    ['1;3', [0, 2]],
    ['Đáp án B', [1]],
    ['Đáp án đúng: D', [3]],
    ['Phương án C', [2]],
    ['Cấp xã', [2]],
    ['cap xa', [2]],
  ])('reads %j', (key, indexes) => {
    expect(parseKey(key, FOUR)).toEqual({ indexes, outOfRange: [], unreadable: false });
  });

  it('names the tokens that point past the last option', () => {
    expect(parseKey('E', FOUR)).toEqual({ indexes: [], outOfRange: ['E'], unreadable: false });
    expect(parseKey('A, 5', FOUR)).toEqual({ indexes: [0], outOfRange: ['5'], unreadable: false });
    expect(parseKey('0', FOUR).outOfRange).toEqual(['0']);
    expect(parseKey('G', FOUR).outOfRange).toEqual(['G']);
  });

  it('gives up on words that are not letters, numbers or an option', () => {
    expect(parseKey('xyz', FOUR).unreadable).toBe(true);
    expect(parseKey('A hoặc B', FOUR).unreadable).toBe(true);
  });

  it('reads Đúng/Sai against true/false options', () => {
    expect(parseKey('Đúng', ['Đúng', 'Sai']).indexes).toEqual([0]);
    expect(parseKey('sai', ['Đúng', 'Sai']).indexes).toEqual([1]);
  });
});

describe('lettersOf', () => {
  it('writes indexes as letters', () => {
    expect(lettersOf([0, 2, 5])).toBe('A, C, F');
  });
});
