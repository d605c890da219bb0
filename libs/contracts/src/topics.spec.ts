import { ALL_TOPICS, TOPIC_NAME_PATTERN, Topics } from './topics';
import { Contracts } from './messages';

describe('topics', () => {
  it.each(ALL_TOPICS)('%s follows <domain>.<entity>.<kind>.v<N>', (topic) => {
    expect(topic).toMatch(TOPIC_NAME_PATTERN);
  });

  it('names every topic once', () => {
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
  });

  it('has a contract for every topic and a topic for every contract', () => {
    expect(Object.keys(Contracts).sort()).toEqual([...ALL_TOPICS].sort());
  });

  it.each([
    ['scim.user.changed', false],
    ['Scim.user.changed.v1', false],
    ['scim.user.changed.v0', false],
    ['scim..changed.v1', false],
    [Topics.scimUserChanged, true],
  ])('the pattern judges %s as %s', (name, valid) => {
    expect(TOPIC_NAME_PATTERN.test(name)).toBe(valid);
  });
});
