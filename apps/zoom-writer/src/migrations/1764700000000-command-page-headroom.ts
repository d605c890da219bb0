import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leaves a fifth of each new page of `user_command` free: every claim updates its command (the
 * attempt count), and with room on the page that update is HOT and touches none of the four
 * indexes.
 */
export class CommandPageHeadroom1764700000000 implements MigrationInterface {
  name = 'CommandPageHeadroom1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "zoom_writer"."user_command" SET (fillfactor = 80)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "zoom_writer"."user_command" RESET (fillfactor)`);
  }
}
