import fc from 'fast-check';
import type { OktaScimClient } from '@bridge/testing';
import { startConformanceService, type ConformanceService } from './conformance.harness';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('the whole filter grammar against PostgreSQL', () => {
  let service: ConformanceService;
  let client: OktaScimClient;

  beforeAll(async () => {
    service = await startConformanceService();
    client = service.client();
    const people = [
      { userName: 'ada@x.com', title: 'Engineer', dept: 'R&D', work: 'ada@x.com', active: true },
      { userName: 'bob@y.org', title: 'Manager', dept: 'Sales', work: 'bob@x.com', active: true },
      { userName: 'cy@x.com', dept: 'R&D', work: 'cy@y.org', active: false },
    ];
    for (const person of people) {
      const created = await client.request('POST', '/Users', {
        userName: person.userName,
        ...(person.title === undefined ? {} : { title: person.title }),
        emails: [{ type: 'work', value: person.work }, { type: 'home', value: `home-${person.userName}` }],
        active: person.active,
        [ENTERPRISE]: { department: person.dept },
      });
      expect(created.status).toBe(201);
    }
  }, 60_000);

  afterAll(async () => {
    await service?.stop();
  }, 30_000);

  async function userNames(filter: string): Promise<string[]> {
    const answer = await client.request<{ Resources: { userName: string }[] }>('GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(200);
    return answer.body.Resources.map((user) => user.userName).sort();
  }

  it.each([
    ['USERNAME EQ "ADA@X.COM"', ['ada@x.com']],
    ['userName ne "ada@x.com"', ['bob@y.org', 'cy@x.com']],
    ['userName co "@X."', ['ada@x.com', 'cy@x.com']],
    ['userName sw "b"', ['bob@y.org']],
    ['userName ew ".org"', ['bob@y.org']],
    ['userName gt "b" and userName lt "c"', ['bob@y.org']],
    ['userName ge "bob@y.org"', ['bob@y.org', 'cy@x.com']],
    ['userName le "bob@y.org"', ['ada@x.com', 'bob@y.org']],
    ['title pr', ['ada@x.com', 'bob@y.org']],
    ['not (title pr)', ['cy@x.com']],
    ['title eq "engineer" or title eq "manager"', ['ada@x.com', 'bob@y.org']],
    ['(title eq "Engineer" or active eq false) and userName ew "x.com"', ['ada@x.com', 'cy@x.com']],
    ['emails[type eq "work" and value co "@x.com"]', ['ada@x.com', 'bob@y.org']],
    ['emails.value eq "home-cy@x.com"', ['cy@x.com']],
    ['emails co "@y.org"', ['bob@y.org', 'cy@x.com']],
    [`${ENTERPRISE}:department eq "r&d"`, ['ada@x.com', 'cy@x.com']],
    ['active eq "False"', ['cy@x.com']],
    ['meta.created gt "2000-01-01T00:00:00Z"', ['ada@x.com', 'bob@y.org', 'cy@x.com']],
    ['meta.lastModified lt "2000-01-01T00:00:00Z"', []],
    ['title eq null', ['cy@x.com']],
  ])('%s', async (filter, expected) => {
    expect(await userNames(filter)).toEqual(expected);
  });

  it('answers random text with 200 or 400 invalidFilter, never 500 and never every user by accident', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (filter) => {
        const answer = await client.request<{ totalResults?: number; scimType?: string }>('GET', `/Users?filter=${encodeURIComponent(filter)}`);
        if (filter.trim() === '') {
          expect(answer.status).toBe(200);
          return;
        }
        expect(answer.status).toBe(400);
        expect(answer.body.scimType).toBe('invalidFilter');
      }),
      { numRuns: 150 },
    );
  });

  it('answers random grammatical filters over real attributes with 200 or 400, never 500', async () => {
    const attribute = fc.constantFrom('userName', 'title', 'emails.value', 'emails.type', 'active', 'name.givenName', 'meta.created', `${ENTERPRISE}:department`, 'id', 'externalId');
    const value = fc.constantFrom('"a"', '"x.com"', 'true', 'false', 'null', '1', '"2026-01-01T00:00:00Z"');
    const op = fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le');
    const leaf = fc.oneof(fc.tuple(attribute, op, value).map(([a, o, v]) => `${a} ${o} ${v}`), attribute.map((a) => `${a} pr`));
    const filter = fc.tuple(leaf, fc.constantFrom('and', 'or'), leaf, fc.boolean()).map(([l, j, r, negate]) => (negate ? `not (${l}) ${j} ${r}` : `${l} ${j} (${r})`));
    await fc.assert(
      fc.asyncProperty(filter, async (text) => {
        const answer = await client.request<{ scimType?: string }>('GET', `/Users?filter=${encodeURIComponent(text)}`);
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) {
          expect(answer.body.scimType).toBe('invalidFilter');
        }
      }),
      { numRuns: 150 },
    );
  });
});
