import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { AlertChannel, type MarkDelivered } from '@akiwa/contracts';

export class MarkDeliveredDto implements MarkDelivered {
  @ApiProperty({ enum: Object.values(AlertChannel), description: '届いた経路' })
  @IsIn(Object.values(AlertChannel))
  channel!: AlertChannel;
}
