import { createHash } from 'node:crypto';
import { Client, type ClientConfig } from 'pg';

/** Distinct statement texts a process prepares; further ones run unnamed (a backend keeps each plan). */
export const MAX_PREPARED_STATEMENTS = 256;

const names = new Map<string, string>();
const refused = new Set<string>();

/**
 * The prepared-statement name of a parameterised SQL text, or undefined when it runs unnamed:
 * once the process has prepared `MAX_PREPARED_STATEMENTS` texts, or after PostgreSQL refused the
 * text's cached plan because a table under it changed shape (`0A000`, during a migration).
 */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || refused.has(text) || names.size >= MAX_PREPARED_STATEMENTS) {
    return known;
  }
  const name = `bridge_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;
  names.set(text, name);
  return name;
}

function refuse(text: string): void {
  names.delete(text);
  refused.add(text);
}

type AnyQuery = (...args: unknown[]) => unknown;

/**
 * A pg client that runs every parameterised query as a named prepared statement: PostgreSQL parses
 * and plans its text once per connection instead of on every call. Parse, analysis and planning
 * were about a quarter of PostgreSQL's CPU under the bridge's load; the statements are short and
 * many, so their plans are most of their cost. Results, errors and types are those of the unnamed
 * query. Used through the pool's `Client` option; not for a pooler in transaction mode.
 *
 * After five runs PostgreSQL may keep a generic plan, made without the values. That suits
 * statements over plain tables found by key. It does not suit statements that rely on the value
 * to prune partitions (audit's per-tenant partitions): audit does not use this client.
 */
export class PreparingClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const plain = (Client.prototype.query as AnyQuery).bind(this);
    // pg's query() has many overloads; only a text with values and no callback (TypeORM's call) is named.
    (this as unknown as { query: AnyQuery }).query = (...args: unknown[]): unknown => {
      const [text, values, callback] = args;
      if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) {
        return plain(...args);
      }
      const name = statementName(text);
      if (name === undefined) {
        return plain(...args);
      }
      return (plain({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
        if ((error as { code?: unknown } | null)?.code === '0A000') {
          refuse(text);
        }
        throw error;
      });
    };
  }
}
