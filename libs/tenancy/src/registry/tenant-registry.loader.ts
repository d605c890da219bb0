import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { describeError } from '../error.format';
import { formatPath } from './field-path.format';
import { TenantRegistryError, type RegistryIssue } from './tenant-registry.exception';
import { describeRegistryIssue } from './tenant-registry.messages';
import { tenantRegistrySchema, type TenantRegistry } from './tenant-registry.schema';
import { lineOfPath } from './yaml-line.locator';

/** Reads, parses and validates the registry file at `path`; throws `TenantRegistryError`. */
export function loadTenantRegistry(path: string): TenantRegistry {
  return parseTenantRegistry(readTenantRegistryFile(path), path);
}

export function readTenantRegistryFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // Node appends ", open '<path>'"; the path already leads the message.
    const reason = describeError(error).replace(/, \w+ '.*'$/, '');
    throw new TenantRegistryError(path, [{ path: '', line: undefined, message: `cannot read the tenant registry (${reason})` }]);
  }
}

/** Parses and validates registry YAML; `sourceName` names the file in error messages. */
export function parseTenantRegistry(text: string, sourceName: string): TenantRegistry {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new TenantRegistryError(
      sourceName,
      document.errors.map((error) => ({
        path: '',
        line: lineCounter.linePos(error.pos[0]).line,
        message: `is not valid YAML: ${error.message}`,
      })),
    );
  }
  const data = toPlainData(document, sourceName);
  if (data === null || data === undefined) {
    throw new TenantRegistryError(sourceName, [{ path: '', line: undefined, message: 'is empty: expected a `tenants:` list' }]);
  }
  const result = tenantRegistrySchema.safeParse(data, { error: describeRegistryIssue });
  if (!result.success) {
    const issues = result.error.issues.flatMap((issue) => locateIssue(issue, document, lineCounter));
    throw new TenantRegistryError(sourceName, issues.sort(byLine));
  }
  return result.data;
}

function toPlainData(document: Document, sourceName: string): unknown {
  try {
    return document.toJS();
  } catch (error) {
    // toJS throws on alias bombs and similar; the message is still about the file.
    throw new TenantRegistryError(sourceName, [
      { path: '', line: undefined, message: `cannot be read as data: ${describeError(error)}` },
    ]);
  }
}

// Zod reports in schema order; the file is read top to bottom.
function byLine(a: RegistryIssue, b: RegistryIssue): number {
  return (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
}

function locateIssue(issue: z.core.$ZodIssue, document: Document, lineCounter: LineCounter): RegistryIssue[] {
  // Zod reports unknown keys on their parent object; pointing at each key finds the typo's line.
  const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
  return paths.map((path) => ({
    path: formatPath(path),
    line: lineOfPath(document, lineCounter, path),
    message: issue.message,
  }));
}
