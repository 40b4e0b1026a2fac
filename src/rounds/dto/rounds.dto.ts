import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { DIFFICULTIES, type Difficulty } from '../../question-banks/domain/question';
import {
  GENDERS,
  PARTICIPANT_GROUPS,
  type Gender,
  type ParticipantGroup,
} from '../../shared/rounds';
import { PREDICTION_KINDS, type PredictionKind } from '../domain/prediction';
import { COUNT_POLICIES, type CountPolicy } from '../domain/ranking';

export const MIN_PARTICIPANT_PASSWORD_LENGTH = 8;

export class CreateContestDto {
  @ApiProperty({ example: 'Hội thi tìm hiểu về cải cách hành chính năm 2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ description: 'Đăng ký phải nhập số CCCD' })
  @IsOptional()
  @IsBoolean()
  requiresCccd?: boolean;
}

export class BlueprintCellDto {
  @ApiProperty({ example: 'thu-tuc-hanh-chinh' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  topicCode: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES, description: 'Bỏ trống: mọi mức độ' })
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  @Max(200)
  count: number;
}

export class CreateRoundDto {
  @ApiProperty({ example: 'Tuần 1' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2026-12-01T01:00:00Z' })
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({ example: '2026-12-07T16:59:59Z' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiProperty({ example: 1200, description: 'Thời gian làm bài (giây)' })
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  timeLimitSeconds: number;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  attemptsAllowed?: number;

  @ApiPropertyOptional({ enum: COUNT_POLICIES })
  @IsOptional()
  @IsIn(COUNT_POLICIES)
  countedPolicy?: CountPolicy;

  @ApiProperty()
  @IsUUID()
  bankId: string;

  @ApiProperty({ type: [BlueprintCellDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BlueprintCellDto)
  blueprint: BlueprintCellDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  shuffleQuestions?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  shuffleOptions?: boolean;

  @ApiPropertyOptional({
    description:
      'Cách tính điểm: { points: { kind: "equal", points: 1 } | { kind: "by_difficulty", points: { easy, medium, hard } }, partialCredit }',
  })
  @IsOptional()
  @IsObject()
  scoring?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: PREDICTION_KINDS })
  @IsOptional()
  @IsIn(PREDICTION_KINDS)
  predictionKind?: PredictionKind;

  @ApiPropertyOptional({ example: 2000, description: 'Thời gian ân hạn cho độ trễ mạng (ms)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  graceMs?: number;
}

export class RegisterParticipantDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  fullName: string;

  @ApiProperty({ example: 1990 })
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear: number;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender: Gender;

  @ApiProperty({ example: '0912345678' })
  @IsString()
  @MaxLength(30)
  phone: string;

  @ApiPropertyOptional({ example: '001090001234' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  cccd?: string;

  @ApiPropertyOptional({ example: 'Tổ dân phố 5' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unit?: string;

  @ApiProperty({ enum: PARTICIPANT_GROUPS })
  @IsIn(PARTICIPANT_GROUPS)
  participantGroup: ParticipantGroup;

  @ApiProperty({ minLength: MIN_PARTICIPANT_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PARTICIPANT_PASSWORD_LENGTH)
  @MaxLength(200)
  password: string;

  @ApiProperty({ description: 'Đồng ý cho lưu và xử lý dữ liệu cá nhân (bắt buộc)' })
  @Equals(true, { message: 'Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để đăng ký.' })
  consent: boolean;
}

export class ParticipantSignInDto {
  @ApiProperty({ example: '0912345678' })
  @IsString()
  @MaxLength(30)
  phone: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password: string;
}

export class SaveAnswerDto {
  @ApiProperty({
    type: [Number],
    description: 'Chỉ số (từ 0, theo thứ tự hiển thị) của các phương án đã chọn; rỗng: bỏ chọn',
  })
  @IsArray()
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  chosen: number[];
}

export class SubmitAttemptDto {
  @ApiPropertyOptional({ description: 'Câu trả lời câu hỏi dự đoán' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  prediction?: number;
}
