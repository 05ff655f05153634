import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BuyersController, ItemsController, LocationsController, StockPoliciesController, SuppliersController } from './master-data.controller';
import { MasterDataService } from './master-data.service';
import { ItemEntity } from './persistence/item.entity';
import { LocationEntity } from './persistence/location.entity';
import { PriceListEntryEntity } from './persistence/price-list-entry.entity';
import { StockPolicyEntity } from './persistence/stock-policy.entity';
import { SupplierAgreementEntity } from './persistence/supplier-agreement.entity';

@Module({
  imports: [TypeOrmModule.forFeature([LocationEntity, ItemEntity, SupplierAgreementEntity, PriceListEntryEntity, StockPolicyEntity])],
  controllers: [LocationsController, ItemsController, SuppliersController, BuyersController, StockPoliciesController],
  providers: [MasterDataService],
  exports: [MasterDataService],
})
export class MasterDataModule {}
