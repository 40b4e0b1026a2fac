/** `base`, or `base-2`, `base-3`… whichever is not taken yet. */
export function uniqueCodeAmong(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}-${String(i)}`;
    if (!taken.includes(candidate)) return candidate;
  }
}
