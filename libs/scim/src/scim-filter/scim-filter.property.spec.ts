import fc from 'fast-check';
import { ScimError } from '../scim-error';
import { formatAttributePath, type ScimFilter } from './scim-filter.ast';
import { parseScimFilter } from './scim-filter.parser';

function outcome(source: string): ScimFilter | ScimError {
  try {
    return parseScimFilter(source);
  } catch (error) {
    if (error instanceof ScimError) {
      return error;
    }
    throw error;
  }
}

const attribute = fc.constantFrom('userName', 'name.givenName', 'emails.value', 'active', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department');
const value = fc.oneof(fc.string({ maxLength: 12 }).map((text) => JSON.stringify(text)), fc.constantFrom('true', 'false', 'null', '42'));
const comparison = fc.tuple(attribute, fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'), value).map(([a, op, v]) => `${a} ${op} ${v}`);
const validFilter: fc.Arbitrary<string> = fc.letrec<{ filter: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    attribute.map((a) => `${a} pr`),
    fc.tuple(tie('filter'), fc.constantFrom('and', 'or'), tie('filter')).map(([l, op, r]) => `(${l}) ${op} (${r})`),
    tie('filter').map((f) => `not (${f})`),
  ),
})).filter;

describe('parseScimFilter on random input', () => {
  it('never throws anything but a 400 invalidFilter ScimError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        const result = outcome(source);
        if (result instanceof ScimError) {
          expect(result.status).toBe(400);
          expect(result.scimType).toBe('invalidFilter');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never accepts a filter mangled by a stray token', () => {
    const stray = fc.constantFrom(' )', ' (', ' and', ' or', ' not', ' eq', ' "x"', ' [', ' ]', ' userName');
    fc.assert(
      fc.property(validFilter, stray, (filter, junk) => {
        expect(outcome(filter + junk)).toBeInstanceOf(ScimError);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts every grammatical filter and keeps every comparison it was given', () => {
    fc.assert(
      fc.property(validFilter, (filter) => {
        const result = outcome(filter);
        if (result instanceof ScimError) {
          // Only the size bounds may refuse a grammatical filter.
          expect(result.detail).toMatch(/nests deeper|more than \d+ comparisons|longer than/);
          return;
        }
        const count = (node: ScimFilter): number =>
          node.kind === 'and' || node.kind === 'or' ? count(node.left) + count(node.right) : node.kind === 'not' ? count(node.filter) : 1;
        expect(count(result)).toBe((filter.replace(/"(?:[^"\\]|\\.)*"/g, '""').match(/ (eq|ne|co|sw|ew|gt|ge|lt|le|pr)\b/g) ?? []).length);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps URN-qualified attribute names intact', () => {
    const result = parseScimFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "R&D"');
    expect(result.kind === 'compare' && formatAttributePath(result.path)).toBe('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department');
  });
});
