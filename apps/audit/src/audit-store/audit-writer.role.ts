/** The role the running service uses: INSERT and SELECT on the audit tables, nothing else. */
export const AUDIT_WRITER_ROLE = 'audit_writer';
