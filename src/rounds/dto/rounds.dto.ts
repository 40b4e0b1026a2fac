import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
  LEADERBOARD_VISIBILITIES,
  PARTICIPANT_GROUPS,
  REVIEW_POLICIES,
  type Gender,
  type LeaderboardVisibility,
  type ParticipantGroup,
  type ReviewPolicy,
} from '../../shared/rounds';
import { PREDICTION_KINDS, type PredictionKind } from '../domain/prediction';
import {
  COUNT_POLICIES,
  TIE_BREAK_KEYS,
  type CountPolicy,
  type TieBreakKey,
} from '../domain/ranking';
import { PG_INT_MAX } from '../../database/pg-int';

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

/** Another bank and blueprint for one participant group. */
export class GroupDrawDto {
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
}

export class GroupDrawsDto {
  @ApiPropertyOptional({ type: GroupDrawDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GroupDrawDto)
  civil_servant?: GroupDrawDto;

  @ApiPropertyOptional({ type: GroupDrawDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GroupDrawDto)
  citizen?: GroupDrawDto;
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

  @ApiPropertyOptional({
    enum: REVIEW_POLICIES,
    description: 'Khi nào người dự thi được xem đáp án',
  })
  @IsOptional()
  @IsIn(REVIEW_POLICIES)
  reviewPolicy?: ReviewPolicy;

  @ApiPropertyOptional({ enum: LEADERBOARD_VISIBILITIES })
  @IsOptional()
  @IsIn(LEADERBOARD_VISIBILITIES)
  leaderboardVisibility?: LeaderboardVisibility;

  @ApiPropertyOptional({ enum: PARTICIPANT_GROUPS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(PARTICIPANT_GROUPS, { each: true })
  eligibleGroups?: ParticipantGroup[];

  @ApiPropertyOptional({
    enum: TIE_BREAK_KEYS,
    isArray: true,
    description:
      'Thứ tự tiêu chí xếp hạng; mặc định: điểm, dự đoán, thời gian làm bài, thời điểm nộp',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TIE_BREAK_KEYS, { each: true })
  tieBreakChain?: TieBreakKey[];

  @ApiPropertyOptional({
    type: GroupDrawsDto,
    description: 'Đề riêng cho từng đối tượng (ngân hàng và cấu trúc đề); bỏ trống: dùng đề chung',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GroupDrawsDto)
  groupDraws?: GroupDrawsDto;
}

/** Any subset of a round's settings; the fairness rules are locked once someone has started. */
export class UpdateRoundDto extends PartialType(CreateRoundDto) {}

export class UpdateContestDto extends PartialType(CreateContestDto) {}

export class PrizeQuotaDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  first: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  second: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  third: number;

  @ApiProperty({ example: 5 })
  @IsInt()
  @Min(0)
  @Max(10_000)
  consolation: number;
}

/** Prize quotas per participant group; a group left out gets no prizes. */
export class PrizeQuotasDto {
  @ApiPropertyOptional({ type: PrizeQuotaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrizeQuotaDto)
  civil_servant?: PrizeQuotaDto;

  @ApiPropertyOptional({ type: PrizeQuotaDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrizeQuotaDto)
  citizen?: PrizeQuotaDto;
}

export class RankingQueryDto {
  @ApiPropertyOptional({ enum: PARTICIPANT_GROUPS })
  @IsOptional()
  @IsIn(PARTICIPANT_GROUPS)
  group?: ParticipantGroup;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PG_INT_MAX)
  offset?: number;
}

export class ParticipantListQueryDto {
  @ApiPropertyOptional({ description: 'Tìm theo họ tên hoặc số điện thoại' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(PG_INT_MAX)
  offset?: number;
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

  @ApiPropertyOptional({
    example: 'Tổ dân phố 5',
    description: 'Hội thi không có danh sách đơn vị',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unit?: string;

  @ApiPropertyOptional({
    description: 'Đơn vị / tổ dân phố đã chọn; bắt buộc khi hội thi có danh sách đơn vị',
  })
  @IsOptional()
  @IsUUID()
  unitId?: string;

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
