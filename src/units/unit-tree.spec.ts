import { treeOrder } from './unit-tree';

const node = (id: string, parentId: string | null, sortOrder: number) => ({
  id,
  parentId,
  code: id,
  sortOrder,
});

describe('treeOrder', () => {
  it('lists each top-level unit followed by its children, both by sort order then code', () => {
    const order = treeOrder([
      node('TDP2', 'K2', 1),
      node('K2', null, 1),
      node('VP', 'K1', 0),
      node('TDP1', 'K2', 0),
      node('K1', null, 0),
      node('CA', null, 1),
      node('KT', 'K1', 0),
    ]);
    expect(order.map((n) => n.id)).toEqual(['K1', 'KT', 'VP', 'CA', 'K2', 'TDP1', 'TDP2']);
  });

  it('keeps a unit whose parent is missing, at the top level', () => {
    expect(treeOrder([node('A', 'GONE', 0), node('B', null, 1)]).map((n) => n.id)).toEqual([
      'A',
      'B',
    ]);
  });

  it('never loses or repeats a unit, even in a cycle', () => {
    const order = treeOrder([node('A', 'B', 0), node('B', 'A', 0), node('C', null, 0)]);
    expect(order.map((n) => n.id).sort()).toEqual(['A', 'B', 'C']);
  });
});
