/** How a resource's attributes sit in its table, for translating filters to SQL. */
export interface ColumnTarget {
  kind: 'column';
  /** An SQL expression over the row alias, e.g. `r.user_name`; written here, never taken from a request. */
  sql: string;
  type: 'text' | 'uuid' | 'boolean' | 'timestamp';
  nullable: boolean;
}

/** A multi-valued attribute stored as rows of another table (group members). */
export interface RelationTarget {
  kind: 'relation';
  /** `FROM … WHERE …` joined to the row alias; element sub-attributes map to SQL text expressions. */
  from: string;
  subAttributes: Record<string, string>;
}

export interface FilterTable {
  /** Row alias used by the expressions, e.g. `r`. */
  alias: string;
  /** The jsonb column holding every attribute that has no column of its own. */
  jsonColumn: string;
  /** Canonical attribute paths (`userName`, `meta.created`) with a column or relation of their own. */
  targets: Record<string, ColumnTarget | RelationTarget>;
}

/** Collects positional parameters; values never enter the SQL text. */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
