import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MasterDataModule } from '../master-data/master-data.module';
import { CallOffsController } from './call-offs.controller';
import { CallOffsService } from './call-offs.service';
import { CallOffLineEntity } from './persistence/call-off-line.entity';
import { CallOffEntity } from './persistence/call-off.entity';
import { CallOffRepository } from './persistence/call-off.repository';

/** Call-offs (consignment orders): issue, confirm, reject, cancel, read. */
@Module({
  imports: [TypeOrmModule.forFeature([CallOffEntity, CallOffLineEntity]), MasterDataModule],
  controllers: [CallOffsController],
  providers: [CallOffsService, CallOffRepository],
  exports: [CallOffsService, CallOffRepository],
})
export class CallOffsModule {}
