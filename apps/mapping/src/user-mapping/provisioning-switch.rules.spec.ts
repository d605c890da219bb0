import { USER_CHANGES } from '@bridge/contracts';
import { governingSwitch } from './provisioning-switch.rules';

describe('governingSwitch', () => {
  it.each([
    ['created', 'createUsers'],
    ['replaced', 'updateUserAttributes'],
    ['patched', 'updateUserAttributes'],
    ['deactivated', 'deactivateUsers'],
    ['reactivated', 'deactivateUsers'],
    ['deleted', 'deactivateUsers'],
  ] as const)('governs %s with %s', (change, expected) => {
    expect(governingSwitch(change)).toBe(expected);
  });

  it('covers every change kind', () => {
    expect(USER_CHANGES.map(governingSwitch).every(Boolean)).toBe(true);
  });
});
