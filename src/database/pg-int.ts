/**
 * The largest value of PostgreSQL's `int` (int4). A request's number that a statement takes as
 * `$n::int` must be checked against it first: beyond it the cast fails, which would be a 500
 * instead of the refusal the request deserves.
 */
export const PG_INT_MAX = 2_147_483_647;
