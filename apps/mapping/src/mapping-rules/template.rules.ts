import { parseScimPath, type ScimPath } from './scim-path.rules';

export type TemplatePart = { text: string } | { path: ScimPath };

export type ParsedTemplate = { ok: true; parts: readonly TemplatePart[] } | { ok: false; problem: string };

/** Parses `${name.givenName} ${name.familyName}`: literal text and `${attribute path}` placeholders. */
export function parseTemplate(template: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let rest = template;
  while (rest !== '') {
    const open = rest.indexOf('${');
    if (open < 0) {
      parts.push({ text: rest });
      break;
    }
    if (open > 0) {
      parts.push({ text: rest.slice(0, open) });
    }
    const close = rest.indexOf('}', open);
    if (close < 0) {
      return { ok: false, problem: `"\${" at "${rest.slice(open)}" is not closed with "}"` };
    }
    const parsed = parseScimPath(rest.slice(open + 2, close));
    if (!parsed.ok) {
      return { ok: false, problem: `the placeholder "${rest.slice(open, close + 1)}" is not an attribute path: ${parsed.problem}` };
    }
    parts.push({ path: parsed.path });
    rest = rest.slice(close + 1);
  }
  if (!parts.some((part) => 'path' in part)) {
    return { ok: false, problem: 'a template needs at least one ${attribute} placeholder, such as "${name.givenName} ${name.familyName}" (for fixed text use constant)' };
  }
  return { ok: true, parts };
}

/**
 * Fills the placeholders; a missing attribute counts as empty, and runs of spaces left behind
 * collapse. When every placeholder is empty the template has no value (rather than its bare text).
 */
export function renderTemplate(parts: readonly TemplatePart[], read: (path: ScimPath) => unknown): string | undefined {
  let filled = 0;
  const text = parts
    .map((part) => {
      if ('text' in part) {
        return part.text;
      }
      const value = read(part.path);
      const piece = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value).trim() : '';
      filled += piece === '' ? 0 : 1;
      return piece;
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return filled === 0 || text === '' ? undefined : text;
}
