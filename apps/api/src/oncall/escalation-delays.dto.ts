import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import type { UpdateEscalationDelays } from '@akiwa/contracts';

/** Whole minutes; null: the deployment's default. Bounds keep an escalation meaningful at 2 a.m. (not instant, not next day). */
export class UpdateEscalationDelaysDto implements UpdateEscalationDelays {
  @ApiProperty({ nullable: true, minimum: 1, maximum: 120, description: 'Minutes without 確認 before a provider’s staff are alerted again; null: default' })
  @ValidateIf((o) => o.unseenMinutes !== null)
  @IsInt()
  @Min(1)
  @Max(120)
  unseenMinutes!: number | null;

  @ApiProperty({ nullable: true, minimum: 1, maximum: 720, description: 'Minutes without an offer before the centre’s on-call (twice this: the region’s); null: default' })
  @ValidateIf((o) => o.noOfferMinutes !== null)
  @IsInt()
  @Min(1)
  @Max(720)
  noOfferMinutes!: number | null;
}
