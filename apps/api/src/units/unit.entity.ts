import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DisabilityCategory, RoomGender, ServiceType, SpecialNeed } from '@akiwa/contracts';

/** Mapped for schema awareness and admin tooling; the hot paths use raw SQL (see units.sql.ts). */
@Entity('units')
export class Unit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id' }) organisationId!: string;
  @Column() name!: string;
  @Column({ name: 'service_type', type: 'varchar' }) serviceType!: ServiceType;
  @Column({ name: 'municipality_code' }) municipalityCode!: string;
  @Column('int') capacity!: number;
  @Column('text', { array: true }) categories!: DisabilityCategory[];
  @Column({ name: 'accepts_children' }) acceptsChildren!: boolean;
  @Column('int', { name: 'support_level_min' }) supportLevelMin!: number;
  @Column('int', { name: 'support_level_max' }) supportLevelMax!: number;
  @Column('text', { name: 'special_needs', array: true }) specialNeeds!: SpecialNeed[];
  @Column({ name: 'room_gender', type: 'varchar' }) roomGender!: RoomGender;
  @Column({ name: 'emergency_ok' }) emergencyOk!: boolean;
  @Column({ name: 'trial_ok' }) trialOk!: boolean;
  @Column({ name: 'contact_24h' }) contact24h!: string;
  @Column() note!: string;
  /** Bumped by a conditional UPDATE in the service (TypeORM's @VersionColumn would not check it). */
  @Column('int') version!: number;
  @Column('int', { name: 'vacancy_version' }) vacancyVersion!: number;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('unit_history')
export class UnitHistory {
  @PrimaryColumn('uuid', { name: 'unit_id' }) unitId!: string;
  @PrimaryColumn('int') version!: number;
  @Column({ type: 'varchar' }) action!: 'create' | 'update' | 'retire';
  @Column('jsonb') snapshot!: Record<string, unknown>;
  @Column('uuid', { name: 'changed_by', nullable: true }) changedBy!: string | null;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
}
