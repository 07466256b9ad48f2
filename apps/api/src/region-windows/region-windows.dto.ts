import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import type { UpdateRegionWindows } from '@akiwa/contracts';

/** Whole minutes (the same bounds as the CHECKs); null: the deployment's default. */
export class UpdateRegionWindowsDto implements UpdateRegionWindows {
  @ApiProperty({ nullable: true, minimum: 1, maximum: 120, description: 'Minutes a request stays at one level before it widens; null: default' })
  @ValidateIf((o) => o.widenMinutes !== null)
  @IsInt()
  @Min(1)
  @Max(120)
  widenMinutes!: number | null;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 720, description: 'Minutes each provider told has to answer; null: default' })
  @ValidateIf((o) => o.answerMinutes !== null)
  @IsInt()
  @Min(1)
  @Max(720)
  answerMinutes!: number | null;
}
