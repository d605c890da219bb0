import { ScimError, scimErrorBody } from './scim-error';
import { listResponse } from './scim-resources';

describe('SCIM error body', () => {
  it.each([
    [404, 'User 42 not found', undefined],
    [409, 'userName a@b.test is already taken', 'uniqueness' as const],
    [400, 'The filter could not be parsed', 'invalidFilter' as const],
  ])('answers %s with the RFC 7644 error schema, a detail and the scimType when given', (status, detail, scimType) => {
    const body = new ScimError(status, detail, scimType).toBody();
    expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(body.status).toBe(String(status));
    expect(body.detail).toBe(detail);
    expect('scimType' in body).toBe(scimType !== undefined);
  });

  it('omits scimType rather than sending null', () => {
    expect(JSON.stringify(scimErrorBody(401, 'no token'))).not.toContain('scimType');
  });
});

describe('list response', () => {
  it('counts the page and keeps the total', () => {
    expect(listResponse([{ id: 'a' }], 7, 3)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 7,
      startIndex: 3,
      itemsPerPage: 1,
      Resources: [{ id: 'a' }],
    });
  });
});
