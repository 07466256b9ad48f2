import { Body, CallHandler, Controller, Delete, ExecutionContext, Get, HttpCode, Injectable, Param, PayloadTooLargeException, Post, Put, Res, StreamableFile, UploadedFile, UseInterceptors, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, throwError, type Observable } from 'rxjs';
import { Role } from '@akiwa/contracts';
import { Auth, CurrentUser } from '../common/auth/auth.decorators';
import type { AuthUser } from '../common/auth/auth-user';
import { ParseId } from '../common/http/parse-id.pipe';
import { MAX_PHOTO_UPLOAD_BYTES, photoTooLarge } from './photo-processing';
import { PhotoCaptionDto, UpdateProviderProfileDto } from './profile.dto';
import { ProfilesService } from './profiles.service';

/** An oversized upload is a bad photo field (400 naming 「写真」), not a bare 413. */
@Injectable()
class PhotoTooLargeAs400 implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => (e instanceof PayloadTooLargeException ? photoTooLarge() : e))));
  }
}

/** Provider profiles (住所・アクセス・費用・送迎・夜間体制・医療的ケア・設備・写真). */
@ApiTags('providers')
@Controller('providers')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Auth(Role.ProviderStaff)
  @Put('me/profile')
  update(@CurrentUser() auth: AuthUser, @Body() dto: UpdateProviderProfileDto) {
    return this.profiles.update(auth, dto);
  }

  /** multipart/form-data with the image as `photo` (and an optional `caption`); stored resized, without EXIF. */
  @Auth(Role.ProviderStaff)
  @Post('me/profile/photos')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(PhotoTooLargeAs400, FileInterceptor('photo', { limits: { fileSize: MAX_PHOTO_UPLOAD_BYTES, files: 1, fields: 4 } }))
  addPhoto(@CurrentUser() auth: AuthUser, @UploadedFile() file: { buffer: Buffer } | undefined, @Body() body: PhotoCaptionDto) {
    return this.profiles.addPhoto(auth, file?.buffer, body.caption ?? '');
  }

  @Auth(Role.ProviderStaff)
  @Delete('me/profile/photos/:photoId')
  @HttpCode(204)
  removePhoto(@CurrentUser() auth: AuthUser, @Param('photoId', ParseId('photoId')) photoId: string) {
    return this.profiles.removePhoto(auth, photoId);
  }

  /** Every role: coordinators, officers and admins read every provider's; providers their own and public ones. */
  @Auth()
  @Get(':organisationId/profile')
  view(@CurrentUser() auth: AuthUser, @Param('organisationId', ParseId('organisationId')) organisationId: string) {
    return this.profiles.view(auth, organisationId);
  }

  @Auth()
  @Get(':organisationId/profile/photos/:photoId')
  async photo(
    @CurrentUser() auth: AuthUser,
    @Param('organisationId', ParseId('organisationId')) organisationId: string,
    @Param('photoId', ParseId('photoId')) photoId: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const content = await this.profiles.photo(auth, organisationId, photoId);
    res.setHeader('cache-control', 'private, max-age=3600');
    return new StreamableFile(content, { type: 'image/jpeg', length: content.length });
  }
}
