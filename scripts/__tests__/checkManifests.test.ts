/** The manifest check (scripts/check-manifests.ts) refuses what a cluster would refuse, naming the object. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../platform/paths';
import { CENTERS } from '../../platform/centers';
import { migrationJob, processObjects } from '../k8s/manifests';
import { toYaml } from '../k8s/yaml';

const folder = mkdtempSync(join(tmpdir(), 'check-manifests-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function check(text: string): Promise<{ code: number; output: string }> {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return new Promise((resolve) =>
    execFile(
      join(projectRoot, 'node_modules', '.bin', 'tsx'),
      ['scripts/check-manifests.ts', '--file', file],
      { cwd: projectRoot },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    ),
  );
}

const everyProcess = () => (['gateway', ...CENTERS] as const).flatMap((process) => processObjects(process));

test('the generated objects of every process pass', async () => {
  const { code, output } = await check(toYaml(everyProcess()));
  expect(output).toContain('45 objects');
  expect(code).toBe(0);
});

test('a schema violation, an unknown kind and dangling references each fail, naming the object', async () => {
  const objects = everyProcess();
  const deployment = objects.find((object) => object.kind === 'Deployment' && object.metadata.name === 'account-center') as never as {
    spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
  };
  deployment.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'four thousand';
  const autoscaler = objects.find(
    (object) => object.kind === 'HorizontalPodAutoscaler' && object.metadata.name === 'account-center',
  ) as never as { spec: { scaleTargetRef: { name: string } } };
  autoscaler.spec.scaleTargetRef.name = 'nothing-here';
  const unknown = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
  // The Job reads a ConfigMap that a release's first apply (the config and migration labels) would leave out.
  const job = migrationJob() as never as { spec: { template: { spec: { containers: { envFrom: unknown[] }[] } } } };
  job.spec.template.spec.containers[0]!.envFrom.push({ configMapRef: { name: 'loose' } });
  const loose = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'loose' }, data: {} };
  const { code, output } = await check(toYaml([...objects, unknown, job as never, loose]));
  expect(code).toBe(1);
  expect(output).toMatch(/Deployment\/account-center: .*containerPort must be integer/);
  expect(output).toContain('HorizontalPodAutoscaler/account-center: scales no Deployment');
  expect(output).toContain('Widget/w: no Kubernetes schema for example.com/v1 Widget');
  expect(output).toContain('Job/bank-migrate: reads ConfigMap/loose, which is not labelled app.kubernetes.io/component: config');
});
