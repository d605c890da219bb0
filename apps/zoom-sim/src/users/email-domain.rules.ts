// Deliberately loose, like most services: something@something.tld with no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** The part after the last "@", lower-cased. */
export function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Zoom only takes emails on one of the account's associated domains: an exact match, subdomains are not included. */
export function isOnAssociatedDomain(email: string, domains: readonly string[]): boolean {
  return domains.includes(emailDomain(email));
}
