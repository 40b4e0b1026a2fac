// The live final as the client sees it: the server's own event map and views (src/shared/live/),
// so a renamed event or a changed view breaks this build, not the hall on the day of the final.
export {
  LIVE_NAMESPACE,
  type HostCommand,
  type HostView,
  type LiveClientToServerEvents,
  type LiveClosed,
  type LiveCounts,
  type LiveJoinReply,
  type LiveServerToClientEvents,
  type LiveView,
  type PlayerView,
  type RoomView,
  type StageView,
} from '../../../src/shared/live/events';
export type {
  CommonView,
  LeaderboardRow,
  PlayerRef,
  QuestionView,
  TimerView,
} from '../../../src/live/domain/views';
export type {
  HostCommandType,
  LiveFormat,
  LivePhase,
} from '../../../src/live/domain/live-room.types';
export {
  ROSTER_FILE_MAX_BYTES,
  type LiveJoinInfo,
  type LiveRosterEntry,
  type RosterFileProblem,
  type RosterParseReply,
} from '../../../src/shared/live/roster';
