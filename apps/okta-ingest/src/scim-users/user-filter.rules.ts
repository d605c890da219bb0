import { ScimError } from '@bridge/scim';

export type UserFilter = { kind: 'all' } | { kind: 'userNameEquals'; userName: string };

const USER_NAME_EQ = /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;
const MAX_FILTER_LENGTH = 1024;

/**
 * The filters Okta sends to find a user. Anything this cannot read is refused with
 * `invalidFilter`: answering with every user would make Okta link the wrong account.
 */
export function parseUserFilter(filter: string | undefined): UserFilter {
  if (filter === undefined || filter.trim() === '') {
    return { kind: 'all' };
  }
  if (filter.length > MAX_FILTER_LENGTH) {
    throw new ScimError(400, `The filter is longer than ${MAX_FILTER_LENGTH} characters.`, 'invalidFilter');
  }
  const match = USER_NAME_EQ.exec(filter);
  if (!match) {
    throw new ScimError(400, `The filter ${JSON.stringify(filter)} is not supported; use userName eq "user@example.com".`, 'invalidFilter');
  }
  return { kind: 'userNameEquals', userName: match[1].replace(/\\(.)/g, '$1') };
}
