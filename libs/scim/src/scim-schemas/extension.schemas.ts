import { SchemaUrns } from '../schema-urns';
import { complex, flag, reference, text, type ScimAttribute, type ScimSchemaDefinition } from './scim-schema.model';

export const enterpriseUserSchema: ScimSchemaDefinition = {
  id: SchemaUrns.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    text('employeeNumber', 'The employee number.'),
    text('costCenter', 'The cost center.'),
    text('organization', 'The organization.'),
    text('division', 'The division.'),
    text('department', 'The department.'),
    complex('manager', "The user's manager.", [
      text('value', 'The id of the manager.'),
      reference('$ref', 'The URI of the manager.', ['User']),
      text('displayName', 'The displayName of the manager.', { mutability: 'readOnly' }),
    ]),
  ],
};

/** The licence flags Zoom documents today; Zoom adds more every few months and unknown ones are carried through. */
const ZOOM_LICENCE_FLAGS = [
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
];

const ZOOM_TEXT_FIELDS = ['personalLinkName', 'pronouns', 'zoomContactCenterUserTemplate', 'zoomContactCenterPackage', 'zoomContactCenterAddonsPlan'];

export const zoomUserSchema: ScimSchemaDefinition = {
  id: SchemaUrns.zoomUser,
  name: 'ZoomUser',
  description: "Zoom's user extension (licences and profile). Attributes Zoom adds later are stored and passed on as sent.",
  attributes: [
    ...ZOOM_LICENCE_FLAGS.map((name): ScimAttribute => flag(name, `Zoom licence flag ${name}.`)),
    ...ZOOM_TEXT_FIELDS.map((name): ScimAttribute => text(name, `Zoom profile field ${name}.`)),
  ],
};

export const zoomUserLoginSchema: ScimSchemaDefinition = {
  id: SchemaUrns.zoomUserLogin,
  name: 'ZoomUserLogin',
  description: "Zoom's login-type extension.",
  attributes: [text('loginType', 'workEmail or sso.', { canonicalValues: ['workEmail', 'sso'] })],
};

export const zoomGroupSchema: ScimSchemaDefinition = {
  id: SchemaUrns.zoomGroup,
  name: 'ZoomGroup',
  description: "Zoom's group extension.",
  attributes: [text('emailAlias', 'The email alias of the Zoom group.')],
};
