import { SchemaUrns } from '@bridge/scim';

/** How a target's value is checked before it goes to Zoom. */
export type ZoomValueKind =
  | { type: 'text' }
  | { type: 'email' }
  | { type: 'phone' }
  | { type: 'boolean' }
  | { type: 'choice'; allowed: readonly string[] }
  | { type: 'pattern'; pattern: RegExp; rule: string };

/** Where a target's value sits in Zoom's SCIM user. */
export type ZoomPlacement =
  | { at: 'core'; path: readonly string[] }
  | { at: 'email'; emailType: 'work' }
  | { at: 'phone'; phoneType: string }
  | { at: 'extension'; urn: string; attribute: string };

export interface ZoomTarget {
  /** The name a mapping rule writes in `target:`. */
  name: string;
  /** What an Okta admin calls it, for rejection messages. */
  label: string;
  kind: ZoomValueKind;
  placement: ZoomPlacement;
  /** Zoom refuses a user without it, so no rule may make it optional or remove it. */
  requiredByZoom: boolean;
}

/**
 * Zoom's licence flags in its user extension. Zoom adds one every few months (see its SCIM2
 * changelog); a flag missing here is a target the bridge refuses rather than one Zoom would refuse.
 */
export const ZOOM_LICENCE_FLAGS = [
  'zoomUnited', 'zoomPhone', 'zoomWhiteboard', 'zoomWhiteboardPlus', 'zoomTranslatedCaptions', 'zoomScheduler',
  'zoomClipsPlus', 'zoomDocs', 'zoomEvents', 'zoomSessions', 'zoomWebinar', 'largeMeeting', 'zoomRevenueAccelerator',
  'zoomQualityManagement', 'zoomWorkforceManagement', 'zoomComplianceManagement', 'zoomOneEdu', 'zoomOneSchoolCampusPlus',
  'zoomOneEntPremier', 'zoomOneEduEntPremier', 'clinicalNotes', 'zoomCustomAICompanion', 'zoomAICompanionSubscription',
  'zoomEnhancedMedia',
] as const;

const TEXT: ZoomValueKind = { type: 'text' };

const core = (name: string, label: string, kind: ZoomValueKind = TEXT, requiredByZoom = false): ZoomTarget => ({
  name,
  label,
  kind,
  placement: { at: 'core', path: name.split('.') },
  requiredByZoom,
});

const phone = (phoneType: string): ZoomTarget => ({
  name: `phoneNumbers[type eq "${phoneType}"].value`,
  label: `${phoneType} phone number`,
  kind: { type: 'phone' },
  placement: { at: 'phone', phoneType },
  requiredByZoom: false,
});

const extension = (urn: string, attribute: string, label: string, kind: ZoomValueKind): ZoomTarget => ({
  name: `${urn}:${attribute}`,
  label,
  kind,
  placement: { at: 'extension', urn, attribute },
  requiredByZoom: false,
});

/** Every Zoom attribute a rule may write, in the order they are mapped (and rejections reported). */
export const ZOOM_TARGETS: readonly ZoomTarget[] = [
  core('userName', 'Zoom username (the sign-in email)', { type: 'email' }, true),
  {
    name: 'emails[type eq "work"].value',
    label: 'work email',
    kind: { type: 'email' },
    placement: { at: 'email', emailType: 'work' },
    requiredByZoom: true,
  },
  core('name.givenName', 'first name'),
  core('name.familyName', 'last name'),
  core('displayName', 'display name'),
  core('title', 'job title'),
  core('locale', 'locale', { type: 'pattern', pattern: /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, rule: 'a language tag such as en-US' }),
  core('userType', 'Zoom user type', { type: 'choice', allowed: ['Basic', 'Licensed', 'On-Prem'] }),
  core('active', 'active status', { type: 'boolean' }),
  phone('work'),
  phone('mobile'),
  phone('home'),
  extension(SchemaUrns.enterpriseUser, 'department', 'department', TEXT),
  extension(SchemaUrns.enterpriseUser, 'organization', 'organization', TEXT),
  extension(SchemaUrns.enterpriseUser, 'costCenter', 'cost center', TEXT),
  extension(SchemaUrns.zoomUser, 'personalLinkName', 'personal link name', {
    type: 'pattern',
    pattern: /^[A-Za-z][A-Za-z0-9.]{4,39}$/,
    rule: '5 to 40 letters, digits or dots, starting with a letter',
  }),
  extension(SchemaUrns.zoomUser, 'pronouns', 'pronouns', TEXT),
  ...ZOOM_LICENCE_FLAGS.map((flag) => extension(SchemaUrns.zoomUser, flag, `${flag} licence`, { type: 'boolean' })),
  extension(SchemaUrns.zoomUserLogin, 'loginType', 'login type', { type: 'choice', allowed: ['workEmail', 'sso'] }),
];

const BY_NAME = new Map(ZOOM_TARGETS.map((target) => [target.name, target]));

export function findZoomTarget(name: string): ZoomTarget | undefined {
  return BY_NAME.get(name);
}

/** The catalogue entry a mistyped target most likely meant: same attribute name, ignoring case and URN. */
export function suggestZoomTarget(name: string): ZoomTarget | undefined {
  const wanted = lastName(name);
  return ZOOM_TARGETS.find((target) => target.name.toLowerCase() === name.toLowerCase()) ?? ZOOM_TARGETS.find((target) => lastName(target.name) === wanted);
}

function lastName(name: string): string {
  return (name.split(':').pop() ?? name).toLowerCase();
}
