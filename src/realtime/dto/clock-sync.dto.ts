import { IsNumber, Max, Min } from 'class-validator';
import type { ClockSyncRequest } from '../../shared/realtime/events';

export class ClockSyncDto implements ClockSyncRequest {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(8.64e15)
  clientSentAt: number;
}
