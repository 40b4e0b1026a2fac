/** Ordering a contest's units as a tree, pure. */

export interface TreeNode {
  id: string;
  parentId: string | null;
  code: string;
  sortOrder: number;
}

const bySortOrder = (a: TreeNode, b: TreeNode) =>
  a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Tree order: each top-level unit by sort order (then code), followed by its children in the
 * same order. A unit whose parent is missing is listed at the top level rather than lost.
 */
export function treeOrder<T extends TreeNode>(units: readonly T[]): T[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, T[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (unit: T) => {
    if (seen.has(unit.id)) return;
    seen.add(unit.id);
    out.push(unit);
    for (const child of (children.get(unit.id) ?? []).sort(bySortOrder)) visit(child);
  };
  for (const root of (children.get(null) ?? []).sort(bySortOrder)) visit(root);
  // Only a cycle (which the service never writes) leaves units unvisited.
  for (const unit of [...units].sort(bySortOrder)) visit(unit);
  return out;
}
