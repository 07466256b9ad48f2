import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role, type RegionWindows } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { UpdateRegionWindowsDto } from './region-windows.dto';
import { RegionWindowsService } from './region-windows.service';

/** The widening and response windows of the officer's 圏域 (officer settings). */
@ApiTags('reports')
@Controller('officer/region-windows')
export class RegionWindowsController {
  constructor(private readonly windows: RegionWindowsService) {}

  @Auth(Role.MunicipalOfficer)
  @Get()
  get(@CurrentUser() auth: AuthUser): Promise<RegionWindows> {
    return this.windows.get(auth);
  }

  @Auth(Role.MunicipalOfficer)
  @Put()
  update(@CurrentUser() auth: AuthUser, @Body() dto: UpdateRegionWindowsDto): Promise<RegionWindows> {
    return this.windows.update(auth, dto);
  }
}
