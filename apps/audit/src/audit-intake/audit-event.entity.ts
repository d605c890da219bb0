import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An append-only audit record; the table refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'audit_event' })
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column('text', { name: 'tenant_id' })
  tenantId!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', name: 'recorded_at', insert: false, update: false })
  recordedAt!: Date;

  @Column('text', { name: 'event_type' })
  eventType!: string;

  @Column('text')
  topic!: string;

  @Column('text', { name: 'actor_type' })
  actorType!: string;

  @Column('text', { name: 'actor_id' })
  actorId!: string;

  @Column('text', { name: 'target_type', nullable: true })
  targetType!: string | null;

  @Column('text', { name: 'target_id', nullable: true })
  targetId!: string | null;

  @Column('text', { name: 'target_name', nullable: true })
  targetName!: string | null;

  @Column('text')
  outcome!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('text', { name: 'causation_id', nullable: true })
  causationId!: string | null;

  @Column('jsonb')
  details!: unknown;
}
