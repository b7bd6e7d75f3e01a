/** Kubernetes objects as one multi-document YAML text, and back (the `yaml` package). */
import { parseAllDocuments, stringify } from 'yaml';
import type { KubeObject } from './manifests';

export function toYaml(objects: KubeObject[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0, singleQuote: true })).join('---\n');
}

/** Every non-empty document of a multi-document YAML text; a syntax error is thrown, naming the document. */
export function fromYaml(text: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((document, index) => {
    if (document.errors.length) throw new Error(`YAML document ${index + 1}: ${document.errors[0]!.message}`);
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value as KubeObject];
  });
}
