/** `['tenants', 0, 'okta']` → `tenants[0].okta`, the way people read a YAML path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') {
        return `[${segment}]`;
      }
      const key = String(segment);
      if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) {
        return `[${JSON.stringify(key)}]`;
      }
      return index === 0 ? key : `.${key}`;
    })
    .join('');
}
