import { Global, Module } from '@nestjs/common';
import { MasterDataModule } from '../modules/master-data/master-data.module';
import { OrganizationsModule } from '../modules/organizations/organizations.module';
import { SeedService } from './seed.service';

@Global()
@Module({
  imports: [OrganizationsModule, MasterDataModule],
  providers: [SeedService],
  exports: [SeedService],
})
export class SeedModule {}
