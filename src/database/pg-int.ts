/**
 * The largest value of PostgreSQL's `int` (int4). A request's number that a statement takes as
 * `$n::int` must be checked against it first: beyond it the cast fails, which would be a 500
 * instead of the refusal the request deserves.
 */
export const PG_INT_MAX = 2_147_483_647;

/** A non-negative integer a statement can take as `int`: an index (option, position). */
export function isPgIndex(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= PG_INT_MAX;
}
