import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which Zoom user a SCIM user became, learnt from zoom-writer's results (members are pushed by Zoom id). */
@Entity({ name: 'zoom_user_ref' })
export class ZoomUserRefEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text', { name: 'scim_user_id' })
  scimUserId!: string;

  @Column('text', { name: 'zoom_user_id' })
  zoomUserId!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
