import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GeographyView, MunicipalityView } from '@akiwa/contracts';
import { Municipality, Prefecture, Region } from './geography.entities';

@Injectable()
export class GeographyService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async all(): Promise<GeographyView> {
    const [prefectures, regions, municipalities] = await Promise.all([
      this.db.getRepository(Prefecture).find({ order: { code: 'ASC' } }),
      this.db.getRepository(Region).find({ order: { id: 'ASC' } }),
      this.db.getRepository(Municipality).find({ order: { code: 'ASC' } }),
    ]);
    return { prefectures, regions, municipalities: municipalities as MunicipalityView[] };
  }

  async municipality(code: string): Promise<Municipality | null> {
    return this.db.getRepository(Municipality).findOneBy({ code });
  }
}
