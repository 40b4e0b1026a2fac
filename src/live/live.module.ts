import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LiveQrController } from './live-qr.controller';
import { LiveGateway } from './live.gateway';
import { LiveRepository } from './live.repository';
import { LiveService } from './live.service';
import { LiveTimers } from './live-timers';

/** The live final: HTTP to create a game, socket.io namespace /live to play it. */
@Module({
  controllers: [LiveController, LiveQrController],
  providers: [LiveRepository, LiveTimers, LiveService, LiveGateway],
})
export class LiveModule {}
