import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { UNIT_RANK_KEYS } from '../domain/participation';

export class RoundDashboardQueryDto {
  @ApiPropertyOptional({
    example: 'rate,averageScore',
    description: `Tiêu chí xếp hạng tập thể theo thứ tự ưu tiên, trong: ${UNIT_RANK_KEYS.join(', ')} (mặc định rate,averageScore)`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  unitRank?: string;
}
