export interface RegistryIssue {
  /** The field, as `tenants[0].okta.scimTokens[1].digest`; empty for file-level problems. */
  path: string;
  /** 1-based line in the YAML source, when the field (or its parent) could be found. */
  line: number | undefined;
  message: string;
}

const MAX_LISTED_ISSUES = 20;

/** A registry file that cannot be used; the message names the file, line and field of each problem. */
export class TenantRegistryError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly RegistryIssue[],
  ) {
    super(formatIssues(source, issues));
    this.name = 'TenantRegistryError';
  }
}

function formatIssues(source: string, issues: readonly RegistryIssue[]): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => formatIssue(source, issue));
  const hidden = issues.length - lines.length;
  return hidden > 0 ? [...lines, `… and ${hidden} more`].join('\n') : lines.join('\n');
}

/** `tenants.yaml:14 tenants[0].zoom.auth.type: expected "bearer" or "oauth"`. */
export function formatIssue(source: string, issue: RegistryIssue): string {
  const location = issue.line === undefined ? source : `${source}:${issue.line}`;
  return issue.path === '' ? `${location} ${issue.message}` : `${location} ${issue.path}: ${issue.message}`;
}
