import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which Zoom user a SCIM user became, and the last state the bridge applied to it. */
@Entity({ name: 'user_link' })
export class UserLinkEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text', { name: 'scim_user_id' })
  scimUserId!: string;

  @Column('text', { name: 'zoom_user_id' })
  zoomUserId!: string;

  @Column('text', { name: 'user_name' })
  userName!: string;

  @Column('boolean')
  active!: boolean;

  @Column('int', { name: 'applied_version' })
  appliedVersion!: number;

  @Column('jsonb', { name: 'applied_attributes', nullable: true })
  appliedAttributes!: Record<string, unknown> | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
