import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets a lane find its next ready commands without reading the tenant's whole queue: in queue
 * order (priority, then arrival) and stopping at the limit. With a backlog of 6,000 commands the
 * old read sorted all of them on every refill (16 ms); it now reads about as many as it returns.
 * The deferred commands' own index answers "when is the next one due" at once.
 */
export class IndexReadyCommands1764600000000 implements MigrationInterface {
  name = 'IndexReadyCommands1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX user_command_ready ON "zoom_writer"."user_command" (tenant_id, priority, seq)`);
    await runner.query(`CREATE INDEX user_command_deferred ON "zoom_writer"."user_command" (tenant_id, not_before) WHERE not_before IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "zoom_writer"."user_command_deferred"`);
    await runner.query(`DROP INDEX "zoom_writer"."user_command_ready"`);
  }
}
