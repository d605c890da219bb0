import { parseAuditFilter } from './audit-filter.parser';
import { filterToSql } from './audit-filter.sql';
import { AuditQueryException } from './audit-query.exception';

describe('audit filter', () => {
  it.each([
    ['eventType eq "zoom.user.created"', 'event_type = $3', ['zoom.user.created']],
    ['outcome.result eq "FAILURE"', 'outcome = $3', ['failure']],
    ['EVENTTYPE sw "zoom." and outcome eq "failure"', '(event_type LIKE $3 AND outcome = $4)', ['zoom.%', 'failure']],
    ['target.id eq "u-1"', 'target_ids @> ARRAY[$3]::text[]', ['u-1']],
    ['target.alternateId eq "Ada@Example.com"', 'lower(target_name) = $3', ['ada@example.com']],
    ['actor.id eq "okta-1" or not (outcome eq "success")', '(actor_id = $3 OR (NOT outcome = $4))', ['okta-1', 'success']],
    ['transaction.id eq "c-1"', 'correlation_id = $3', ['c-1']],
    ['outcome.reason co "50%_off\\\\"', 'reason LIKE $3', ['%50\\%\\_off\\\\%']],
    ['target.id sw "abc"', 'EXISTS (SELECT 1 FROM unnest(target_ids) AS target(id) WHERE target.id LIKE $3)', ['abc%']],
    ['causationId pr', "(causation_id IS NOT NULL AND causation_id <> '')", []],
    ['(eventType eq "a" or eventType eq "b") and topic ne "x"', '((event_type = $3 OR event_type = $4) AND topic IS DISTINCT FROM $5)', ['a', 'b', 'x']],
  ])('translates %s into parameterised SQL', (filter, sql, params) => {
    expect(filterToSql(parseAuditFilter(filter), 3)).toEqual({ sql, params });
  });

  it.each([
    ['an unknown attribute', 'details.password eq "x"'],
    ['SQL in an attribute', 'eventType; DROP TABLE audit.audit_event; -- eq "x"'],
    ['an unquoted value', 'eventType eq zoom'],
    ['a single-quoted value', "eventType eq 'x' or '1'='1'"],
    ['an unterminated string', 'eventType eq "x'],
    ['a dangling operator', 'eventType eq "x" and'],
    ['an unknown operator', 'eventType gt "x"'],
    ['unbalanced parentheses', '(eventType eq "x"'],
    ['trailing input', 'eventType eq "x" )'],
    ['an empty filter', '   '],
    ['too deep nesting', `${'not ('.repeat(10)}eventType eq "x"${')'.repeat(10)}`],
    ['too many comparisons', Array.from({ length: 33 }, () => 'topic eq "x"').join(' or ')],
    ['too long a filter', `eventType eq "${'x'.repeat(2100)}"`],
  ])('rejects %s', (_name, filter) => {
    expect(() => parseAuditFilter(filter)).toThrow(AuditQueryException);
  });

  it('keeps quotes and SQL inside a value as data', () => {
    const condition = filterToSql(parseAuditFilter(`eventType eq "x' OR 1=1 --\\""`), 1);
    expect(condition).toEqual({ sql: 'event_type = $1', params: [`x' OR 1=1 --"`] });
  });
});
