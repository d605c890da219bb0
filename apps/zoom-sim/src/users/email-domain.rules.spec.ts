import { emailDomain, isEmail, isOnAssociatedDomain } from './email-domain.rules';

describe('email rules', () => {
  it.each([
    { value: 'ada@example.com', email: true },
    { value: 'ada.lovelace+tag@mail.example.com', email: true },
    { value: 'ada@localhost', email: false },
    { value: 'ada example@example.com', email: false },
    { value: '@example.com', email: false },
    { value: 'ada', email: false },
  ])('says $value is an email: $email', ({ value, email }) => {
    expect(isEmail(value)).toBe(email);
  });

  it.each([
    { email: 'ada@example.com', on: true },
    { email: 'ada@EXAMPLE.com', on: true },
    { email: 'ada@acme.test', on: true },
    { email: 'ada@sub.example.com', on: false },
    { email: 'ada@example.com.evil.test', on: false },
    { email: 'ada@gmail.com', on: false },
  ])('says $email is on an associated domain: $on', ({ email, on }) => {
    expect(isOnAssociatedDomain(email, ['example.com', 'acme.test'])).toBe(on);
  });

  it('takes the domain after the last @', () => {
    expect(emailDomain('"a@b"@Example.COM')).toBe('example.com');
  });
});
