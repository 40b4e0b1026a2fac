import { Module } from '@nestjs/common';
import { UnitsModule } from '../../units/units.module';
import { RoundDashboardController } from './round-dashboard.controller';
import { RoundDashboardRepository } from './round-dashboard.repository';
import { RoundDashboardService } from './round-dashboard.service';

/** The live round dashboard for organizers (reads rounds, attempts, standings and units). */
@Module({
  imports: [UnitsModule],
  controllers: [RoundDashboardController],
  providers: [RoundDashboardRepository, RoundDashboardService],
})
export class RoundDashboardModule {}
