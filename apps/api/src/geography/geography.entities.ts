import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('prefectures')
export class Prefecture {
  @PrimaryColumn() code!: string;
  @Column() name!: string;
  @Column({ name: 'name_en' }) nameEn!: string;
}

@Entity('regions')
export class Region {
  @PrimaryColumn() id!: string;
  @Column({ name: 'prefecture_code' }) prefectureCode!: string;
  @Column() name!: string;
  @Column({ name: 'name_en' }) nameEn!: string;
}

@Entity('municipalities')
export class Municipality {
  @PrimaryColumn() code!: string;
  @Column() name!: string;
  @Column({ name: 'name_en' }) nameEn!: string;
  @Column() kind!: 'city' | 'town' | 'village' | 'ward';
  @Column({ name: 'prefecture_code' }) prefectureCode!: string;
  @Column({ name: 'region_id', type: 'varchar', nullable: true }) regionId!: string | null;
  @Column({ name: 'parent_code', type: 'varchar', nullable: true }) parentCode!: string | null;
}
