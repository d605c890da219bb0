/**
 * Every topic name, once. The pattern is `<domain>.<entity>.<kind>.v<N>`;
 * `topics.spec.ts` holds every name to it.
 */
export const Topics = {
  scimUserChanged: 'scim.user.changed.v1',
  scimGroupChanged: 'scim.group.changed.v1',
  zoomUserCommand: 'zoom.user.command.v1',
  zoomGroupCommand: 'zoom.group.command.v1',
  zoomCallResult: 'zoom.call.result.v1',
  mappingUserRejected: 'mapping.user.rejected.v1',
  ingestRequestLogged: 'ingest.request.logged.v1',
  deadLetter: 'ops.message.deadlettered.v1',
} as const;

export type TopicKey = keyof typeof Topics;
export type TopicName = (typeof Topics)[TopicKey];

export const TOPIC_NAME_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);
