import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OrganisationKind } from '@akiwa/contracts';

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column() name!: string;
  @Column({ type: 'varchar' }) kind!: OrganisationKind;
  @Column({ name: 'municipality_code', type: 'varchar', nullable: true }) municipalityCode!: string | null;
  @Column({ name: 'mfa_required', default: false }) mfaRequired!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
