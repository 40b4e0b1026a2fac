// The routes of timed rounds (the app's route table sends /hoi-thi, /bai-thi, /vong-thi and
// /ket-qua here).

const enc = encodeURIComponent;

export const CONTESTS_PATH = '/hoi-thi';
export const contestPath = (contestId: string) => `${CONTESTS_PATH}/${enc(contestId)}`;
export const roundPath = (contestId: string, roundId: string) =>
  `${contestPath(contestId)}/vong/${enc(roundId)}`;
export const attemptPath = (attemptId: string) => `/bai-thi/${enc(attemptId)}`;
export const resultPath = (attemptId: string) => `${attemptPath(attemptId)}/ket-qua`;
export const reviewPath = (attemptId: string) => `${attemptPath(attemptId)}/dap-an`;
export const leaderboardPath = (roundId: string) => `/vong-thi/${enc(roundId)}/bang-xep-hang`;
export const publicResultsPath = (roundId: string) => `/ket-qua/${enc(roundId)}`;

export type Route =
  | { page: 'contests' }
  | { page: 'contest'; contestId: string }
  | { page: 'round'; contestId: string; roundId: string }
  | { page: 'attempt'; attemptId: string }
  | { page: 'result'; attemptId: string }
  | { page: 'review'; attemptId: string }
  | { page: 'leaderboard'; roundId: string }
  | { page: 'public-results'; roundId: string }
  | { page: 'not-found' };

const SEGMENT = '([^/]+)';

/** Which page a path is; ids are decoded. */
export function matchRoute(path: string): Route {
  const match = (pattern: string) => new RegExp(`^${pattern}$`).exec(path);
  const part = (m: RegExpExecArray, index: number) => {
    try {
      return decodeURIComponent(m[index] ?? '');
    } catch {
      return ''; // A malformed escape: no such id, the server answers 400/404.
    }
  };
  let m: RegExpExecArray | null;
  if (path === CONTESTS_PATH) return { page: 'contests' };
  if ((m = match(`/hoi-thi/${SEGMENT}`))) return { page: 'contest', contestId: part(m, 1) };
  if ((m = match(`/hoi-thi/${SEGMENT}/vong/${SEGMENT}`)))
    return { page: 'round', contestId: part(m, 1), roundId: part(m, 2) };
  if ((m = match(`/bai-thi/${SEGMENT}`))) return { page: 'attempt', attemptId: part(m, 1) };
  if ((m = match(`/bai-thi/${SEGMENT}/ket-qua`))) return { page: 'result', attemptId: part(m, 1) };
  if ((m = match(`/bai-thi/${SEGMENT}/dap-an`))) return { page: 'review', attemptId: part(m, 1) };
  if ((m = match(`/vong-thi/${SEGMENT}/bang-xep-hang`)))
    return { page: 'leaderboard', roundId: part(m, 1) };
  if ((m = match(`/ket-qua/${SEGMENT}`))) return { page: 'public-results', roundId: part(m, 1) };
  return { page: 'not-found' };
}

/** Paths this chunk handles (the app's route table). */
export function isRoundsPath(path: string): boolean {
  return /^\/(hoi-thi|bai-thi|vong-thi|ket-qua)(\/|$)/.test(path);
}
