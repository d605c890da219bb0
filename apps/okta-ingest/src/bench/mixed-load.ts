import type { SeededUser } from './bench-seed';
import { LatencyRecorder, timed, type BenchAnswer, type BenchHttp } from './bench-http';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface MixedLoadOptions {
  http: BenchHttp;
  users: SeededUser[];
  groups: { id: string; displayName: string }[];
  connections: number;
  durationMs: number;
  runId: string;
}

type Kind = 'lookup' | 'create' | 'put-update' | 'patch-deactivate' | 'group-membership-patch';

// Roughly what an Okta org sends while assignments, profile pushes and group pushes overlap.
const MIX: [Kind, number][] = [
  ['lookup', 0.35],
  ['create', 0.15],
  ['put-update', 0.2],
  ['patch-deactivate', 0.15],
  ['group-membership-patch', 0.15],
];

function pickKind(): Kind {
  let roll = Math.random();
  for (const [kind, share] of MIX) {
    roll -= share;
    if (roll < 0) {
      return kind;
    }
  }
  return 'lookup';
}

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)];
}

/** `connections` loops, each sending Okta-shaped requests back to back for `durationMs`. */
export async function runMixedLoad(options: MixedLoadOptions): Promise<{ recorder: LatencyRecorder; elapsedMs: number }> {
  const recorder = new LatencyRecorder();
  const started = Date.now();
  const deadline = started + options.durationMs;
  let created = 0;
  const loop = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const kind = pickKind();
      const [answer, ms] = await timed(() => send(kind, options, () => (created += 1)));
      recorder.record(kind, ms, answer.status >= 200 && answer.status < 300, `${answer.status} ${answer.body}`);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  return { recorder, elapsedMs: Date.now() - started };
}

/**
 * Open-loop load: `ratePerSecond` requests a second on a fixed schedule, sent over `connections`
 * keep-alive connections for `durationMs`. Each latency counts from when its request was due, not
 * from when a connection was free to send it, so a server that falls behind shows it in full
 * (no coordinated omission).
 */
export async function runPacedLoad(options: MixedLoadOptions & { ratePerSecond: number }): Promise<{ recorder: LatencyRecorder; elapsedMs: number; sent: number; late: number }> {
  const recorder = new LatencyRecorder();
  const intervalMs = 1000 / options.ratePerSecond;
  const slots = Math.floor(options.durationMs / intervalMs);
  const started = performance.now() + 20;
  let nextSlot = 0;
  let created = 0;
  let late = 0;
  const loop = async (): Promise<void> => {
    for (let slot = nextSlot++; slot < slots; slot = nextSlot++) {
      const due = started + slot * intervalMs;
      const wait = due - performance.now();
      if (wait > 1) {
        await new Promise((resolve) => setTimeout(resolve, wait));
      } else if (wait < -5) {
        late += 1;
      }
      const kind = pickKind();
      const answer = await send(kind, options, () => (created += 1));
      recorder.record(kind, performance.now() - due, answer.status >= 200 && answer.status < 300, `${answer.status} ${answer.body}`);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  return { recorder, elapsedMs: performance.now() - started, sent: slots, late };
}

function send(kind: Kind, options: MixedLoadOptions, nextCreate: () => number): Promise<BenchAnswer> {
  const { http } = options;
  switch (kind) {
    case 'lookup': {
      const user = pick(options.users);
      return http.request('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}&startIndex=1&count=100`);
    }
    case 'create': {
      const userName = `new-${options.runId}-${nextCreate()}@example.com`;
      return http.request('POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName: 'New', familyName: 'User' },
        emails: [{ primary: true, value: userName, type: 'work' }],
        displayName: 'New User',
        locale: 'en-US',
        externalId: `00u${Math.random().toString(36).slice(2, 12)}`,
        groups: [],
        password: 'okta-placeholder-Passw0rd!',
        active: true,
      });
    }
    case 'put-update': {
      const user = pick(options.users);
      const n = user.userName.replace(/\D/g, '');
      return http.request('PUT', `/Users/${user.id}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        id: user.id,
        userName: user.userName,
        name: { givenName: `Given${n}`, familyName: `Family${n}` },
        emails: [{ primary: true, value: user.userName, type: 'work' }],
        displayName: `Given${n} Family${n}`,
        title: `Title ${Math.floor(Math.random() * 1000)}`,
        locale: 'en-US',
        active: true,
      });
    }
    case 'patch-deactivate': {
      const user = pick(options.users);
      return http.request('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: Math.random() < 0.5 } }] });
    }
    case 'group-membership-patch': {
      const group = pick(options.groups);
      const remove = pick(options.users).id;
      const add = [pick(options.users).id, pick(options.users).id];
      return http.request('PATCH', `/Groups/${group.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', value: { id: group.id, displayName: group.displayName } },
          { op: 'remove', path: `members[value eq "${remove}"]` },
          { op: 'add', path: 'members', value: add.map((value) => ({ value })) },
        ],
      });
    }
  }
}
