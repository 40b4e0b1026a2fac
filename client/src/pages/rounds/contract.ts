// The timed-round API as the participant pages see it: the server's own types and labels from
// src/shared/ (pure, compiled by the client too), so a change on one side breaks the other's build.
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../../../src/shared/realtime/events';

export type { PredictionKind, RoundStatus } from '../../../../src/shared/round-rules';
export {
  GENDERS,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  type AnswerSaved,
  type AttemptQuestion,
  type AttemptResult,
  type AttemptReview,
  type AttemptStatus,
  type AttemptView,
  type ContestView,
  type Gender,
  type LeaderboardRow,
  type LeaderboardView,
  type LeaderboardVisibility,
  type ParticipantGroup,
  type ParticipantSignedIn,
  type PublicContest,
  type PublicResults,
  type ReviewedQuestion,
  type ReviewPolicy,
  type RoundSummary,
} from '../../../../src/shared/rounds';
export type {
  Ack,
  AckCallback,
  LeaderboardWatchRequest,
  SocketErrorBody,
} from '../../../../src/shared/realtime/events';

/** The client → server events the leaderboard page sends. */
export type RoundsClientEvents = Pick<
  ClientToServerEvents,
  'leaderboard:watch' | 'leaderboard:unwatch'
>;
/** The server → client events it listens to. */
export type RoundsServerEvents = Pick<ServerToClientEvents, 'server:hello' | 'leaderboard:update'>;

/** The events of the attempt page: autosave and submit (attemptChannel.ts). */
export type AttemptClientEvents = Pick<ClientToServerEvents, 'attempt:save' | 'attempt:submit'>;
export type AttemptServerEvents = Pick<ServerToClientEvents, 'server:hello'>;
