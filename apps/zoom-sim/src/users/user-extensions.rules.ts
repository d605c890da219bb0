import { SchemaUrns } from '@bridge/scim';
import { ZoomSimErrorCode, ZoomSimException } from '../scim-http/zoom-sim.exception';
import type { EnterpriseAttributes, LoginType } from '../state/sim-state.model';

/**
 * The licence flags of Zoom's user extension. Zoom adds one every few months (see its SCIM2
 * changelog); a flag outside this list is refused, as Zoom refuses fields it does not know.
 */
export const ZOOM_LICENCE_FLAGS: ReadonlySet<string> = new Set([
  'zoomUnited',
  'zoomPhone',
  'zoomWhiteboard',
  'zoomWhiteboardPlus',
  'zoomTranslatedCaptions',
  'zoomScheduler',
  'zoomClipsPlus',
  'zoomDocs',
  'zoomEvents',
  'zoomSessions',
  'zoomWebinar',
  'largeMeeting',
  'zoomRevenueAccelerator',
  'zoomQualityManagement',
  'zoomWorkforceManagement',
  'zoomComplianceManagement',
  'zoomOneEdu',
  'zoomOneSchoolCampusPlus',
  'zoomOneEntPremier',
  'zoomOneEduEntPremier',
  'clinicalNotes',
  'zoomCustomAICompanion',
  'zoomAICompanionSubscription',
  'zoomEnhancedMedia',
]);

/** Text fields of the Zoom extension. */
export const ZOOM_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'personalLinkName',
  'pronouns',
  'zoomContactCenterUserTemplate',
  'zoomContactCenterPackage',
  'zoomContactCenterAddonsPlan',
]);

const ENTERPRISE_TEXT_FIELDS = ['department', 'organization', 'costCenter'] as const;

export function invalidField(name: string): ZoomSimException {
  return new ZoomSimException(ZoomSimErrorCode.INVALID_REQUEST, `Invalid field: ${name}`);
}

function objectAt(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidField(name);
  }
  return value as Record<string, unknown>;
}

/** The enterprise extension's department, organization, costCenter and manager; other keys are ignored. */
export function readEnterpriseExtension(value: unknown): EnterpriseAttributes {
  const source = objectAt(value, SchemaUrns.enterpriseUser);
  const attributes: EnterpriseAttributes = {};
  for (const field of ENTERPRISE_TEXT_FIELDS) {
    const entry = source[field];
    if (entry === undefined) {
      continue;
    }
    if (typeof entry !== 'string') {
      throw invalidField(field);
    }
    attributes[field] = entry;
  }
  const manager = source['manager'];
  if (typeof manager === 'string') {
    attributes.manager = { value: manager };
  } else if (manager !== undefined) {
    const { value: managerId, displayName } = objectAt(manager, 'manager');
    attributes.manager = {
      ...(typeof managerId === 'string' ? { value: managerId } : {}),
      ...(typeof displayName === 'string' ? { displayName } : {}),
    };
  }
  return attributes;
}

/** Zoom's user extension: licence flags must be booleans, text fields strings, and nothing else is accepted. */
export function readZoomExtension(value: unknown): Record<string, boolean | string> {
  const source = objectAt(value, SchemaUrns.zoomUser);
  const attributes: Record<string, boolean | string> = {};
  for (const [field, entry] of Object.entries(source)) {
    const known = (ZOOM_LICENCE_FLAGS.has(field) && typeof entry === 'boolean') || (ZOOM_TEXT_FIELDS.has(field) && typeof entry === 'string');
    if (!known) {
      throw invalidField(field);
    }
    attributes[field] = entry;
  }
  return attributes;
}

/** `loginType` as `{workEmail, sso}` (booleans or "true"/"false", as Zoom's examples send) or as "workEmail" / "sso". */
export function readLoginExtension(value: unknown): LoginType | undefined {
  const loginType = objectAt(value, SchemaUrns.zoomUserLogin)['loginType'];
  if (loginType === undefined) {
    return undefined;
  }
  if (loginType === 'workEmail' || loginType === 'sso') {
    return { workEmail: loginType === 'workEmail', sso: loginType === 'sso' };
  }
  const { workEmail, sso } = objectAt(loginType, 'loginType');
  return { workEmail: flag(workEmail, 'loginType.workEmail'), sso: flag(sso, 'loginType.sso') };
}

function flag(value: unknown, name: string): boolean {
  if (value === undefined || value === false || value === 'false') {
    return false;
  }
  if (value === true || value === 'true') {
    return true;
  }
  throw invalidField(name);
}
