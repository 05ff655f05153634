import { Module } from '@nestjs/common';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

/** Inter-site transfers (调拨) of consignment stock: docs/transfers-and-aging.md. */
@Module({
  controllers: [TransfersController],
  providers: [TransfersService],
})
export class TransfersModule {}
