import { Body, Controller, Get, Param, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { FactsParams, ReportQueryDto, ReportTextParams, SaveBaseFactsDto, SaveReportTextDto, SetRegionSharingDto } from './report.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Auth(Role.MunicipalOfficer, Role.Coordinator, Role.Admin)
  @Get('annual')
  annual(@CurrentUser() auth: AuthUser, @Query() q: ReportQueryDto) {
    return this.reports.report(auth, q);
  }

  @Auth(Role.MunicipalOfficer, Role.Coordinator, Role.Admin)
  @Get('annual.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async xlsx(@CurrentUser() auth: AuthUser, @Query() q: ReportQueryDto, @Res({ passthrough: true }) res: Response) {
    const file = await this.reports.file(auth, q, 'xlsx');
    attachment(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', file.filename);
    return new StreamableFile(file.body as Buffer);
  }

  @Auth(Role.MunicipalOfficer, Role.Coordinator, Role.Admin)
  @Get('annual.csv')
  @ApiProduces('text/csv')
  async csv(@CurrentUser() auth: AuthUser, @Query() q: ReportQueryDto, @Res({ passthrough: true }) res: Response) {
    const file = await this.reports.file(auth, q, 'csv');
    attachment(res, 'text/csv; charset=utf-8', file.filename);
    return file.body;
  }

  @Auth(Role.MunicipalOfficer, Role.Coordinator, Role.Admin)
  @Get('texts')
  texts(@CurrentUser() auth: AuthUser, @Query() q: ReportQueryDto) {
    return this.reports.texts(auth, q);
  }

  @Auth(Role.MunicipalOfficer, Role.Coordinator, Role.Admin)
  @Put('texts/:chapter/:section')
  saveText(@CurrentUser() auth: AuthUser, @Param() p: ReportTextParams, @Query() q: ReportQueryDto, @Body() dto: SaveReportTextDto) {
    return this.reports.saveText(auth, q, p.chapter, p.section, dto);
  }

  @Auth(Role.MunicipalOfficer, Role.Admin)
  @Get('facts/:municipalityCode/:fiscalYear')
  facts(@CurrentUser() auth: AuthUser, @Param() p: FactsParams) {
    return this.reports.facts(auth, p.municipalityCode, p.fiscalYear);
  }

  @Auth(Role.MunicipalOfficer, Role.Admin)
  @Put('facts/:municipalityCode/:fiscalYear')
  saveFacts(@CurrentUser() auth: AuthUser, @Param() p: FactsParams, @Body() dto: SaveBaseFactsDto) {
    return this.reports.saveFacts(auth, p.municipalityCode, p.fiscalYear, dto);
  }

  @Auth(Role.MunicipalOfficer, Role.Admin)
  @Get('region-sharing')
  regionSharing(@CurrentUser() auth: AuthUser, @Query('regionId') regionId?: string) {
    return this.reports.regionSharing(auth, regionId);
  }

  @Auth(Role.Admin)
  @Put('region-sharing/:regionId')
  setRegionSharing(@CurrentUser() auth: AuthUser, @Param('regionId') regionId: string, @Body() dto: SetRegionSharingDto) {
    return this.reports.setRegionSharing(auth, regionId, dto.shared);
  }
}

/** The part of Express's response used here. */
type Response = { setHeader(name: string, value: string): unknown };

function attachment(res: Response, type: string, filename: string) {
  res.setHeader('content-type', type);
  res.setHeader('content-disposition', `attachment; filename="${filename}"`);
}
