import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  AUDIENCES,
  DIFFICULTIES,
  MAX_OPTIONS,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  type Audience,
  type Difficulty,
  type QuestionStatus,
  type QuestionType,
} from '../domain/question';

export class CreateBankDto {
  @ApiProperty({ example: 'Ngân hàng câu hỏi tuần 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateBankDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'Mở cho luyện tập công khai' })
  @IsOptional()
  @IsBoolean()
  practiceEnabled?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class CreateTopicDto {
  @ApiProperty({ example: 'Cải cách thể chế' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'the-che' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'chỉ gồm chữ thường không dấu, số và gạch ngang' })
  code?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;

export class QuestionQueryDto {
  @ApiPropertyOptional({ description: 'Tìm không phân biệt dấu: "thu tuc" khớp "thủ tục"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUUID()
  topicId?: string;

  @ApiPropertyOptional({ enum: DIFFICULTIES })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(DIFFICULTIES)
  difficulty?: Difficulty;

  @ApiPropertyOptional({ enum: AUDIENCES })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(AUDIENCES)
  audience?: Audience;

  @ApiPropertyOptional({ enum: QUESTION_STATUSES })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(QUESTION_STATUSES)
  status?: QuestionStatus;

  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 20, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 20;
}

export class LegalSourceDto {
  @ApiProperty({ example: 'Nghị định số 118/2025/NĐ-CP' })
  @IsString()
  @MaxLength(500)
  document: string;

  @ApiPropertyOptional({ example: 'Điều 5', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  article: string | null = null;
}

export class QuestionInputDto {
  @ApiProperty()
  @IsUUID()
  topicId: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  code: string | null = null;

  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type: QuestionType;

  @ApiProperty()
  @IsString()
  @MaxLength(2000)
  text: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_OPTIONS)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  options: string[];

  @ApiProperty({ type: [Number], description: 'Chỉ số (từ 0) của các phương án đúng' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OPTIONS)
  @IsInt({ each: true })
  correct: number[];

  @ApiProperty({ enum: DIFFICULTIES })
  @IsIn(DIFFICULTIES)
  difficulty: Difficulty;

  @ApiProperty()
  @IsString()
  @MaxLength(4000)
  explanation: string;

  @ApiProperty({ type: LegalSourceDto })
  @ValidateNested()
  @Type(() => LegalSourceDto)
  source: LegalSourceDto;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  tags: string[] = [];

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience: Audience;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  image: string | null = null;

  @ApiProperty({ enum: QUESTION_STATUSES })
  @IsIn(QUESTION_STATUSES)
  status: QuestionStatus;

  @ApiProperty()
  @IsBoolean()
  practice: boolean;
}

const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Multipart form fields sent with the file. */
export class ImportOptionsDto {
  @ApiPropertyOptional({ default: true, description: 'Chỉ kiểm tra và xem trước, không ghi' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun = true;

  @ApiPropertyOptional({ default: false, description: 'Nhập các câu hợp lệ dù tệp còn lỗi' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  onlyValid = false;

  @ApiPropertyOptional({ enum: ['skip', 'update'], default: 'skip' })
  @IsOptional()
  @IsIn(['skip', 'update'])
  duplicates: 'skip' | 'update' = 'skip';
}

export class ExportQueryDto {
  @ApiProperty({ enum: ['xlsx', 'json', 'gift'] })
  @IsIn(['xlsx', 'json', 'gift'])
  format: 'xlsx' | 'json' | 'gift';
}

export class StatsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  bankId?: string;
}
