/**
 * Checks rendered Kubernetes objects without a cluster: each against the Kubernetes OpenAPI schema through
 * its `kubernetes-models` class (`.validate()` throws on a wrong type, a missing required field, a bad
 * enum value), an object of a kind the models do not know is refused, and the references between objects
 * that a schema cannot see: Services, PodDisruptionBudgets and NetworkPolicies select some Deployment's
 * pods, an autoscaler scales a Deployment that exists, named ports exist on the pods they point at, and the
 * ConfigMaps a Job reads are labelled to be applied with it (deploy/README.md: a release applies the settings and the
 * migration Job first).
 */
import type { KubeObject } from './manifests';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

/** `kubernetes-models` is ES modules only: each class is imported by its path, e.g. `apps/v1/Deployment`. */
async function modelOf(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z]+$/.test(kind)) return undefined;
  try {
    const module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as Record<string, ModelClass>;
    return module[kind];
  } catch {
    return undefined;
  }
}

const describe = (object: KubeObject) => `${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
type Labels = Record<string, string>;
const matches = (selector: Labels | undefined, labels: Labels) =>
  selector !== undefined && Object.entries(selector).every(([key, value]) => labels[key] === value);

interface PodTemplate {
  labels: Labels;
  ports: Set<string>;
}

function podTemplates(objects: KubeObject[]): Map<string, PodTemplate> {
  const templates = new Map<string, PodTemplate>();
  for (const object of objects) {
    if (object.kind !== 'Deployment') continue;
    const template = (
      object as { spec?: { template?: { metadata?: { labels?: Labels }; spec?: { containers?: { ports?: { name?: string }[] }[] } } } }
    ).spec?.template;
    const ports = new Set(
      (template?.spec?.containers ?? []).flatMap((container) => (container.ports ?? []).map((port) => port.name ?? '')),
    );
    templates.set(object.metadata.name, { labels: template?.metadata?.labels ?? {}, ports });
  }
  return templates;
}

/** Every problem found, one line each, naming the object; none means valid. */
export async function validateObjects(objects: KubeObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    if (!object || typeof object !== 'object' || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
      problems.push(`an object without apiVersion and kind: ${JSON.stringify(object).slice(0, 120)}`);
      continue;
    }
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${describe(object)}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${describe(object)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const templates = podTemplates(objects);
  const selectsPods = (selector: Labels | undefined) => [...templates.values()].filter((template) => matches(selector, template.labels));
  for (const object of objects) {
    const spec = (object as { spec?: Record<string, unknown> }).spec ?? {};
    if (object.kind === 'Service') {
      const selected = selectsPods(spec.selector as Labels | undefined);
      if (!selected.length) problems.push(`${describe(object)}: selects no Deployment's pods`);
      for (const port of (spec.ports as { targetPort?: unknown }[] | undefined) ?? []) {
        if (typeof port.targetPort === 'string' && !selected.some((template) => template.ports.has(port.targetPort as string)))
          problems.push(`${describe(object)}: target port "${port.targetPort}" is on none of its pods`);
      }
    }
    if (object.kind === 'PodDisruptionBudget' && !selectsPods((spec.selector as { matchLabels?: Labels } | undefined)?.matchLabels).length)
      problems.push(`${describe(object)}: selects no Deployment's pods`);
    if (object.kind === 'NetworkPolicy') {
      const selector = (spec.podSelector as { matchLabels?: Labels } | undefined)?.matchLabels ?? {};
      // An empty selector is the namespace-wide default; a named one must protect some pods.
      const selected = Object.keys(selector).length ? selectsPods(selector) : [...templates.values()];
      if (Object.keys(selector).length && !selected.length) problems.push(`${describe(object)}: selects no Deployment's pods`);
      for (const rule of (spec.ingress as
        { from?: { podSelector?: { matchLabels?: Labels } }[]; ports?: { port?: unknown }[] }[] | undefined) ?? []) {
        for (const peer of rule.from ?? [])
          if (peer.podSelector?.matchLabels && !selectsPods(peer.podSelector.matchLabels).length)
            problems.push(`${describe(object)}: admits pods that no Deployment runs (${JSON.stringify(peer.podSelector.matchLabels)})`);
        for (const port of rule.ports ?? [])
          if (typeof port.port === 'string' && !selected.some((template) => template.ports.has(port.port as string)))
            problems.push(`${describe(object)}: port "${port.port}" is on none of its pods`);
      }
    }
    if (object.kind === 'Job') {
      // A release applies `app.kubernetes.io/component in (config,migration)` first: what the Job reads must be among it.
      const container = (spec.template as { spec?: { containers?: { envFrom?: { configMapRef?: { name?: string } }[] }[] } } | undefined)
        ?.spec?.containers?.[0];
      for (const source of container?.envFrom ?? []) {
        const read = objects.find((candidate) => candidate.kind === 'ConfigMap' && candidate.metadata.name === source.configMapRef?.name);
        const component = (read?.metadata.labels as Labels | undefined)?.['app.kubernetes.io/component'];
        if (read && component !== 'config')
          problems.push(
            `${describe(object)}: reads ConfigMap/${read.metadata.name}, which is not labelled app.kubernetes.io/component: config`,
          );
      }
    }
    if (object.kind === 'HorizontalPodAutoscaler') {
      const target = spec.scaleTargetRef as { kind?: string; name?: string } | undefined;
      if (target?.kind !== 'Deployment' || !templates.has(target.name ?? ''))
        problems.push(`${describe(object)}: scales no Deployment of these manifests`);
    }
  }
  return problems;
}
