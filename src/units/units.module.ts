import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';
import { UnitsRepository } from './units.repository';
import { UnitsService } from './units.service';

/** Units of a contest; registration (RoundsModule) checks the chosen unit with UnitsService. */
@Module({
  controllers: [UnitsController],
  providers: [UnitsRepository, UnitsService],
  exports: [UnitsRepository, UnitsService],
})
export class UnitsModule {}
