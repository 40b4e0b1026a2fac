import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ValidateIf,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { PRACTICE_LENGTHS, type PracticeMode } from '../../shared/practice';

export class StartPracticeDto {
  @ApiProperty({ enum: ['topics', 'mix', 'missed'] })
  @IsIn(['topics', 'mix', 'missed'])
  mode: PracticeMode;

  @ApiProperty({ enum: PRACTICE_LENGTHS })
  @IsIn(PRACTICE_LENGTHS)
  length: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'mode "topics": the chosen topics (at least one)',
  })
  @ValidateIf((o: StartPracticeDto) => o.mode === 'topics' || o.topicIds !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  topicIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'mode "missed": questions this device got wrong before',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  questionIds?: string[];
}

export class PracticeAnswerDto {
  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(29)
  position: number;

  @ApiProperty({ type: [Number], description: 'Chỉ số (từ 0) của các phương án đã chọn' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  chosen: number[];
}

export class PracticeStatsQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Ngày bắt đầu (giờ Việt Nam), mặc định 30 ngày trước',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Ngày kết thúc (tính cả ngày này)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}
