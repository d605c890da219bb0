/** An attribute path as written: `[urn ":"] attribute ["." subAttribute]`. Names keep the client's case. */
export interface AttributePath {
  urn?: string;
  attribute: string;
  subAttribute?: string;
}

export const COMPARE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

export type CompareValue = string | number | boolean | null;

export type ScimFilter =
  | { kind: 'compare'; path: AttributePath; op: CompareOperator; value: CompareValue }
  | { kind: 'present'; path: AttributePath }
  | { kind: 'and'; left: ScimFilter; right: ScimFilter }
  | { kind: 'or'; left: ScimFilter; right: ScimFilter }
  | { kind: 'not'; filter: ScimFilter }
  /** `emails[type eq "work"]`: the inner filter's paths are sub-attributes of `path`. */
  | { kind: 'valuePath'; path: AttributePath; filter: ScimFilter };

/** A PATCH path: an attribute, optionally narrowed by a value filter, optionally a sub-attribute of the matches. */
export interface PatchPath {
  path: AttributePath;
  filter?: ScimFilter;
  /** `emails[type eq "work"].value`: the sub-attribute after the filter. */
  subAttribute?: string;
}

export function formatAttributePath(path: AttributePath): string {
  const base = path.urn === undefined ? path.attribute : `${path.urn}:${path.attribute}`;
  return path.subAttribute === undefined ? base : `${base}.${path.subAttribute}`;
}
