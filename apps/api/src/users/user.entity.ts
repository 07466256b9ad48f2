import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@akiwa/contracts';
import { Organisation } from '../organisations/organisation.entity';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organisation_id' }) organisationId!: string;
  @ManyToOne(() => Organisation) @JoinColumn({ name: 'organisation_id' }) organisation?: Organisation;
  @Column() email!: string;
  @Column({ name: 'display_name' }) displayName!: string;
  @Column({ type: 'varchar' }) role!: Role;
  @Column({ name: 'password_hash', select: false }) passwordHash!: string;
  @Column() active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
