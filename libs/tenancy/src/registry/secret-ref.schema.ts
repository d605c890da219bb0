import { z } from 'zod';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const envSecretRefSchema = z.strictObject({
  env: z.string().regex(ENV_NAME, 'expected an environment variable name such as DEMO_ZOOM_TOKEN'),
});

export const fileSecretRefSchema = z.strictObject({
  file: z.string().startsWith('/', 'expected an absolute path such as /var/run/secrets/zoom/token'),
});

const LITERAL_SECRET =
  'secrets never go in the tenant registry: reference one with { env: VARIABLE_NAME } or { file: /path/to/secret } ' +
  '(a Kubernetes Secret mounted as an environment variable or a file)';

const EXPECTED_REF = 'expected exactly one of { env: VARIABLE_NAME } or { file: /path/to/secret }';

/**
 * A plain union would answer "Invalid input" for every mistake; this names the likely one:
 * a pasted secret, or the problem inside the branch the author evidently meant.
 */
function explainSecretRefIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_union') {
    return undefined;
  }
  const input = issue.input;
  if (typeof input === 'string' || typeof input === 'number') {
    return LITERAL_SECRET;
  }
  if (typeof input !== 'object' || input === null) {
    return EXPECTED_REF;
  }
  const keys = Object.keys(input);
  const branch = keys.length === 1 ? ['env', 'file'].indexOf(keys[0] ?? '') : -1;
  const branchIssue = branch >= 0 ? issue.errors[branch]?.[0] : undefined;
  if (branchIssue === undefined) {
    return EXPECTED_REF;
  }
  const where = branchIssue.path.length > 0 ? `${branchIssue.path.join('.')}: ` : '';
  return `${where}${branchIssue.message}`;
}

/** Where a secret lives: an environment variable or a mounted file, never the registry itself. */
export const secretRefSchema = z.union([envSecretRefSchema, fileSecretRefSchema], { error: explainSecretRefIssue });

export type SecretRef = z.infer<typeof secretRefSchema>;
export type EnvSecretRef = z.infer<typeof envSecretRefSchema>;
export type FileSecretRef = z.infer<typeof fileSecretRefSchema>;
