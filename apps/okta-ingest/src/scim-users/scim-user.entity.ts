import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Okta's view of a user, as this tenant's SCIM service provider stores it. */
@Entity({ name: 'scim_user' })
export class ScimUserEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'user_name' })
  userName!: string;

  @Column('text', { name: 'external_id', nullable: true })
  externalId!: string | null;

  @Column('boolean')
  active!: boolean;

  /** Every stored attribute except id and meta (and never a password). */
  @Column('jsonb')
  attributes!: Record<string, unknown>;

  @Column('int')
  version!: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
