import { basicCredentials, bearerToken } from './authorization-header.rules';

const basic = (text: string): string => `Basic ${Buffer.from(text).toString('base64')}`;

describe('authorization headers', () => {
  it.each([
    { header: 'Bearer abc.def', token: 'abc.def' },
    { header: 'bearer abc', token: 'abc' },
    { header: 'Bearer  abc ', token: 'abc' },
    { header: 'Bearer', token: undefined },
    { header: 'Basic abc', token: undefined },
    { header: 'Bearer a b', token: undefined },
    { header: undefined, token: undefined },
  ])('reads bearer token $token from $header', ({ header, token }) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([
    { header: basic('demo-client:demo-secret'), credentials: { clientId: 'demo-client', clientSecret: 'demo-secret' } },
    { header: basic('id:sec:ret'), credentials: { clientId: 'id', clientSecret: 'sec:ret' } },
    { header: basic('id:'), credentials: { clientId: 'id', clientSecret: '' } },
    { header: basic('no-colon'), credentials: undefined },
    { header: basic(':secret'), credentials: undefined },
    { header: 'Bearer abc', credentials: undefined },
    { header: undefined, credentials: undefined },
  ])('reads client credentials from $header', ({ header, credentials }) => {
    expect(basicCredentials(header)).toEqual(credentials);
  });
});
