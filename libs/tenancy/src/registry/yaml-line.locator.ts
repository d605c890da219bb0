import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/**
 * The 1-based line of the YAML node at `path`, or of its nearest existing ancestor when the
 * field itself is missing. Map entries point at their key, so a nested block points at its heading.
 */
export function lineOfPath(document: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = document.contents;
  let offset = startOffset(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) {
        break;
      }
      offset = startOffset(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) {
        break;
      }
      offset = startOffset(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function startOffset(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}
