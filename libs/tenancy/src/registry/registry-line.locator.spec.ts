import { exampleRegistryYaml } from '../testing/tenant-registry.fixture';
import { RegistryLineLocator } from './registry-line.locator';

const withMappings = exampleRegistryYaml.replace(
  '    mappings: []\n',
  '    mappings:\n      - id: title\n        target: title\n        transform: { copy: title }\n',
);

describe('RegistryLineLocator', () => {
  const locator = new RegistryLineLocator('tenants.yaml', withMappings);

  it.each([
    ['a tenant', ['tenants', 1], 38],
    ['a mapping rule', ['tenants', 0, 'mappings', 0], 26],
    ['a field of a mapping rule', ['tenants', 0, 'mappings', 0, 'transform'], 28],
    ['a key inside a flow mapping', ['tenants', 0, 'mappings', 0, 'transform', 'copy'], 28],
    ['the nearest ancestor of a missing field', ['tenants', 0, 'mappings', 0, 'when', 'equals'], 26],
  ])('finds the line of %s', (_what, path, line) => {
    expect(locator.lineOf(path)).toBe(line);
  });

  it('keeps the name of the file it read, for error messages', () => {
    expect(locator.sourceName).toBe('tenants.yaml');
  });

  it('answers undefined for text that holds no YAML node', () => {
    expect(new RegistryLineLocator('empty.yaml', '').lineOf(['tenants', 0])).toBeUndefined();
  });
});
