import { LineCounter, parseDocument, type Document } from 'yaml';
import { lineOfPath } from './yaml-line.locator';

/**
 * The YAML lines of one registry version, for services that validate their own part of the
 * registry (mapping rules, push rules) after it loaded, so their errors can name a line too.
 */
export class RegistryLineLocator {
  private parsed: { document: Document; lineCounter: LineCounter } | undefined;

  constructor(
    /** The file name that leads error messages, as in `tenants.yaml:42`. */
    readonly sourceName: string,
    private readonly text: string,
  ) {}

  /** The 1-based line of `path` (or of its nearest existing ancestor); undefined if the text holds neither. */
  lineOf(path: readonly PropertyKey[]): number | undefined {
    // Parsed on first use: most registry versions never need a line.
    this.parsed ??= parseText(this.text);
    return lineOfPath(this.parsed.document, this.parsed.lineCounter, path);
  }
}

function parseText(text: string): { document: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  return { document: parseDocument(text, { lineCounter, prettyErrors: false }), lineCounter };
}
