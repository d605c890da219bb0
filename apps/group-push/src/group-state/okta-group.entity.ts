import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest state of a group Okta pushed, as group-push last saw it. */
@Entity({ name: 'okta_group' })
export class OktaGroupEntity {
  @PrimaryColumn('text', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text', { name: 'scim_group_id' })
  scimGroupId!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('jsonb', { name: 'member_ids' })
  memberIds!: string[];

  @Column('boolean')
  deleted!: boolean;

  @Column('int')
  version!: number;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
