import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@akiwa/contracts';
import { Auth } from '../common/auth/auth.decorators';

/** The OpenAPI document, built by createApp once every route is known. */
@Injectable()
export class OpenApiDocument {
  build: () => object = () => ({});
}

/**
 * In production the API explorer is not public: the OpenAPI document is served only to a logged-in
 * administrator (Bearer token), like any other admin route. Outside production createApp mounts the
 * Swagger UI at /api/docs instead.
 */
@ApiExcludeController()
@Controller('docs')
export class DocsController {
  constructor(private readonly doc: OpenApiDocument) {}

  @Auth(Role.Admin)
  @Get('openapi.json')
  document() {
    return this.doc.build();
  }
}

@Module({ controllers: [DocsController], providers: [OpenApiDocument], exports: [OpenApiDocument] })
export class AdminDocsModule {}
