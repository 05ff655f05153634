import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallOffsModule } from '../call-offs/call-offs.module';
import { LedgerModule } from '../ledger/ledger.module';
import { ChainDemoData } from './chain-demo.data';
import { ReceiptEntity, ReceiptLineEntity } from './persistence/receipt.entity';
import { ShipmentLineEntity } from './persistence/shipment-line.entity';
import { ShipmentEntity } from './persistence/shipment.entity';
import { ShipmentRepository } from './persistence/shipment.repository';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsService } from './shipments.service';

/** Shipments (ASNs), receipts and short closes; posts the chain's journals through LEDGER_POSTING. */
@Module({
  imports: [TypeOrmModule.forFeature([ShipmentEntity, ShipmentLineEntity, ReceiptEntity, ReceiptLineEntity]), CallOffsModule, LedgerModule],
  controllers: [ShipmentsController],
  providers: [ShipmentsService, ShipmentRepository, ChainDemoData],
  exports: [ShipmentsService],
})
export class ShipmentsModule {}
