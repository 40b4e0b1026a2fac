import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { LeaderboardWatchRequest } from '../../shared/realtime/events';
import { PARTICIPANT_GROUPS, type ParticipantGroup } from '../../shared/rounds';

export class LeaderboardWatchDto implements LeaderboardWatchRequest {
  @IsUUID()
  roundId: string;

  @IsOptional()
  @IsIn(PARTICIPANT_GROUPS)
  group?: ParticipantGroup;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  participantToken?: string;
}

export class LeaderboardUnwatchDto {
  @IsUUID()
  roundId: string;
}
