/**
 * Deployment files checked statically (no Docker engine or cluster runs here): docker-compose.yml by
 * Debian's docker-compose and by cross-checking every path, env var and config it references;
 * the Dockerfile's inputs and start path; the Kubernetes manifests against the Kubernetes JSON
 * schemas (kubernetes-models' validators, offline). The helper scripts the images run are run for real.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { loadConfig } from '../src/config/load.ts';
import { overridesFromEnv } from '../src/config/sources.ts';
import { type Config, ServerSchema } from '../src/config/schema.ts';
import { writeTinyHfModel } from './fixtures/tiny-hf-model.ts';
import { ChildService, cleanEnv } from './helpers/child-service.ts';
import { nodeArgsFor } from './helpers/entry-point.ts';
import { gatewayArgs, gatewayDir } from './helpers/gateway.ts';
import { TEST_PRINCIPAL } from './helpers/keys.ts';
import { call, startTestService, type TestService } from './helpers/service.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');

interface ComposeService {
  build?: string;
  image?: string;
  command?: string[];
  healthcheck?: { disable?: boolean };
  networks?: Record<string, { ipv4_address?: string }>;
  environment?: Record<string, string>;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** The container path of a setting's relative path (the image's working directory is /app). */
const inApp = (path: string): string => (path.startsWith('/') ? path : `/app/${path}`);

/** True when `path` is at or under a mount point. */
const under = (path: string, mount: string): boolean => path === mount || path.startsWith(`${mount}/`);

/** Every file the gateway writes, as container paths (each must be on a writable volume). */
const writtenPaths = (c: Config): string[] =>
  [c.metering.dataDir, c.metering.outputDir, c.rateLimits.quotaFile].map(inApp);

/** `${NAME:-default}` -> default, as compose interpolates with an empty environment. */
const interpolate = (v: string): string => v.replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');

/** Names of `{ env: NAME }` secret references anywhere in a parsed config document. */
function envRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(envRefs);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return typeof o.env === 'string' && Object.keys(o).length === 1
      ? [o.env]
      : Object.values(o).flatMap(envRefs);
  }
  return [];
}

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml')) as ComposeFile;
  const gateway = compose.services.gateway!;

  test('is valid for docker-compose (`config -q`)', async (t) => {
    const which = await run('sh', ['-c', 'command -v docker-compose']).catch(() => undefined);
    if (!which)
      return t.skip('docker-compose is not installed here (CI installs it: apt-get install docker-compose)');
    await run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: REPO, timeout: 60_000 });
  });

  test("the load balancer's config is valid for haproxy (`-c`)", async (t) => {
    const which = await run('sh', ['-c', 'command -v haproxy']).catch(() => undefined);
    if (!which) return t.skip('haproxy is not installed here (CI installs it: apt-get install haproxy)');
    await run('haproxy', ['-c', '-f', 'deploy/compose/haproxy.cfg'], { cwd: REPO, timeout: 60_000 });
  });

  test('every bind-mounted path and build context exists; every named volume is declared', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (svc.build) assert.ok(existsSync(join(REPO, svc.build, 'Dockerfile')), `${name}: build context`);
      for (const v of svc.volumes ?? []) {
        const source = interpolate(v).split(':')[0]!;
        if (source.startsWith('.') || source.startsWith('/')) {
          assert.ok(existsSync(join(REPO, source)), `${name}: mounted ${source} is missing`);
        } else {
          assert.ok(
            compose.volumes && source in compose.volumes,
            `${name}: volume ${source} is not declared`,
          );
        }
      }
    }
  });

  test('every image command runs a script the build compiles', () => {
    const built = (JSON.parse(read('tsconfig.build.json')) as { include: string[] }).include;
    for (const [name, svc] of Object.entries(compose.services)) {
      const script = svc.command?.find((a) => a.startsWith('dist/'));
      if (!script) continue;
      const source = script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      assert.ok(built.includes(source.split('/')[0]!), `${name}: ${source} is outside tsconfig.build.json`);
      assert.ok(existsSync(join(REPO, source)), `${name}: ${source} does not exist`);
    }
  });

  test('every environment variable is a valid setting or one the README documents', () => {
    const readme = read('README.md');
    for (const [name, svc] of Object.entries(compose.services)) {
      const env = Object.fromEntries(
        Object.entries(svc.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
      );
      // NERGW_* and the Azure names go through the real parser: a misspelt setting throws here.
      overridesFromEnv(env);
      for (const key of Object.keys(env)) {
        if (/^NERGW_/i.test(key) || /^(eula|billing|apikey|projectname|exportedmodelname)$/i.test(key))
          continue;
        assert.ok(
          readme.includes(`\`${key}\``),
          `${name}: ${key} is neither a setting nor documented in README.md`,
        );
      }
    }
  });

  test("the gateway's mounted config loads with the gateway's environment, and its secrets are set", () => {
    const env = Object.fromEntries(
      Object.entries(gateway.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const file = join(REPO, 'deploy/compose/config/local.yaml');
    const config = loadConfig({ files: [file], env, argv: [] });
    assert.equal(config.azure.eula, 'accept');
    assert.ok(config.proxy.routes.some((r) => r.target === 'http://demo-upstream:8080'));
    for (const name of envRefs(parseYaml(readFileSync(file, 'utf8')))) {
      assert.ok(env[name], `config references env ${name}, which the gateway service does not set`);
    }
    // The proxy route's upstream is a service of this file; the demo app being down must not take
    // every gateway (and the NER API with them) out of haproxy.
    for (const r of config.proxy.routes) {
      assert.ok(new URL(r.target).hostname in compose.services, r.target);
      assert.ok(!r.healthPath || !r.affectsReady, `${r.prefix}: the demo app's health gates /ready`);
    }
  });

  test('the gateways take PROXY headers from haproxy, and from its fixed address only', () => {
    const env = Object.fromEntries(
      Object.entries(gateway.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const config = loadConfig({ files: [join(REPO, 'deploy/compose/config/local.yaml')], env, argv: [] });
    const lb = compose.services.lb!.networks?.default?.ipv4_address;
    assert.ok(lb, 'haproxy has a fixed address');
    assert.deepEqual(config.server.proxyProtocolFrom, [lb]);
    assert.deepEqual(config.server.trustProxy, [], 'relayed callers are not trusted for X-Forwarded-For');
    assert.match(read('deploy/compose/haproxy.cfg'), /^\s*server-template gw .*\bsend-proxy-v2\b/m);
  });

  test("only the gateway keeps the image's HEALTHCHECK (it probes the gateway's port)", () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      if (!svc.build && svc.image !== gateway.image) continue;
      assert.equal(svc.healthcheck?.disable === true, name !== 'gateway', name);
    }
  });

  test('the gateway is wired to redis and the billing stub, and keeps its state on a named volume', () => {
    const env = Object.fromEntries(
      Object.entries(gateway.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]),
    );
    const config = loadConfig({ files: [join(REPO, 'deploy/compose/config/local.yaml')], env, argv: [] });
    assert.equal(config.rateLimits.store, 'redis');
    assert.ok(new URL(config.rateLimits.redisUrl!).hostname in compose.services, config.rateLimits.redisUrl);
    // Async jobs are shared through the same Redis, so the balancer needs no client affinity.
    assert.equal(config.jobs.store, 'redis');
    const jobsRedis = new URL(config.jobs.redisUrl ?? config.rateLimits.redisUrl!);
    assert.ok(jobsRedis.hostname in compose.services, String(jobsRedis));
    assert.doesNotMatch(read('deploy/compose/haproxy.cfg'), /^\s*(balance\s+source|stick)/m);
    // Billing is the stub's metering API (served under /api), the stub listens beyond loopback,
    // and it accepts the key the gateway sends; both keep Azure's hourly period.
    const billing = new URL(config.azure.billing!);
    const { command = [], environment = {} } = compose.services[billing.hostname] ?? {};
    assert.ok(command.includes('dist/scripts/billing-stub.js'), String(billing));
    assert.equal(billing.pathname, '/api');
    assert.equal(billing.port, interpolate(environment.BILLING_STUB_PORT!));
    assert.equal(command[command.indexOf('--host') + 1], '0.0.0.0');
    assert.equal(config.azure.apiKey, interpolate(environment.BILLING_STUB_API_KEY!));
    assert.ok(!command.includes('--period-seconds') && config.metering.bucketSeconds === 3600);
    // Everything the gateway writes (ledgers, usage records, quotas) lands on a named volume shared
    // by the replicas (each claims its own ledger in it).
    const named = (gateway.volumes ?? [])
      .map((v) => interpolate(v).split(':'))
      .filter(([source, , mode]) => source && !/^[./]/.test(source) && mode !== 'ro')
      .map(([, target]) => target!);
    for (const path of [...writtenPaths(config), inApp(config.security.keyStoreFile)]) {
      assert.ok(
        named.some((m) => under(path, m)),
        `${path} is not on a writable named volume`,
      );
    }
  });

  test("Azure's Custom NER run line: the model folder is mounted read-only at models.modelPath", () => {
    /** The gateway's environment as compose makes it with `vars` set in the shell. */
    const env = (vars: Record<string, string>): Record<string, string> =>
      Object.fromEntries(
        Object.entries(gateway.environment ?? {}).map(([k, v]) => [
          k,
          interpolate(String(v).replace(/\$\{([A-Z0-9_]+):-[^}]*\}/g, (m, name: string) => vars[name] ?? m)),
        ]),
      );
    const file = join(REPO, 'deploy/compose/config/local.yaml');
    // Unset, nothing is served from the folder; with PROJECT_NAME the run line reaches the gateway.
    assert.equal(loadConfig({ files: [file], env: env({}), argv: [] }).models.projectName, undefined);
    const config = loadConfig({
      files: [file],
      env: env({ PROJECT_NAME: 'contracts', EXPORTED_MODEL_NAME: 'v1' }),
      argv: [],
    });
    assert.deepEqual([config.models.projectName, config.models.exportedModelName], ['contracts', 'v1']);
    const mount = (gateway.volumes ?? [])
      .map((v) => interpolate(v).split(':'))
      .find(([, target]) => target === config.models.modelPath);
    assert.ok(mount, `nothing is mounted at models.modelPath ${config.models.modelPath}`);
    assert.equal(mount[2], 'ro');
    assert.ok(existsSync(join(REPO, mount[0]!)), `the default model folder ${mount[0]} exists`);
    assert.match(
      (gateway.volumes ?? []).join('\n'),
      /\$\{MODEL_PATH:-[^}]+\}:/,
      'MODEL_PATH picks another folder',
    );
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  test('copies only paths that exist and starts like `npm start`', () => {
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(.+) \S+$/gm)) {
      for (const src of m[1]!.split(/\s+/)) assert.ok(existsSync(join(REPO, src)), `COPY ${src}`);
    }
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts.start!;
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    assert.ok(cmd, 'CMD');
    assert.equal((JSON.parse(cmd[1]!) as string[]).join(' '), start);
    assert.match(dockerfile, /^USER node$/m);
    const health = /HEALTHCHECK[\s\S]*?CMD \["node", "dist\/(scripts\/[^"]+)\.js"\]/.exec(dockerfile);
    assert.ok(health && existsSync(join(REPO, `${health[1]}.ts`)), 'HEALTHCHECK script');
    assert.ok(
      existsSync(join(REPO, 'models/default/model.onnx')),
      'the built-in model is baked in from models/default',
    );
  });

  test("creates the mount point of Azure's /modelPath, the default models.modelPath", () => {
    const config = loadConfig({ files: [join(REPO, 'config/default.yaml')], env: {}, argv: [] });
    assert.equal(config.models.modelPath, '/modelPath');
    const mkdir = /^RUN mkdir -p ([^&\n]+)/m.exec(dockerfile);
    assert.ok(mkdir?.[1]!.split(/\s+/).includes(config.models.modelPath), 'RUN mkdir -p … /modelPath');
  });

  test('with the config baked into the image, every file the gateway writes is under data/', () => {
    const config = loadConfig({ files: [join(REPO, 'config/default.yaml')], env: {}, argv: [] });
    for (const path of [...writtenPaths(config), inApp(config.security.keyStoreFile)]) {
      assert.ok(under(path, '/app/data'), `${path}: /app is read-only for the image's user`);
    }
  });
});

/** POSTs `body` as JSON over `agent`; resolves with the status and the parsed answer. */
function fetchJson(agent: Agent, url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe("the image's start path, built", () => {
  // What the Dockerfile runs: `npm run build`, then `node dist/src/main.js` and the HEALTHCHECK script.
  // Built into a folder of its own beside dist/ (same config, same depth below the repository): other
  // tests run their children from dist/ meanwhile, and a rebuild would rewrite it under them.
  test('the compiled service starts, serves, and passes its HEALTHCHECK', { timeout: 300_000 }, async () => {
    const out = mkdtempSync(join(REPO, '.build-test-'));
    execFileSync(
      process.execPath,
      [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
      { cwd: REPO },
    );
    const dir = gatewayDir();
    writeTinyHfModel(join(dir, 'model'));
    const svc = new ChildService(gatewayArgs(dir), cleanEnv(), join(out, 'src/main.js'));
    try {
      const { url } = await svc.listening();
      const tls = (name: string): Buffer => readFileSync(join(dir, 'certs', name));
      const agent = new Agent({ ca: tls('dev-ca.crt'), cert: tls('client.crt'), key: tls('client.key') });
      const res = await fetchJson(
        agent,
        `https://127.0.0.1:${url.port}/language/:analyze-text?api-version=2023-04-01`,
        {
          kind: 'EntityRecognition',
          analysisInput: { documents: [{ id: '1', text: 'Marie Curie visited Paris.' }] },
        },
      );
      agent.destroy();
      assert.equal(res.status, 200);
      assert.equal((res.body as { kind: string }).kind, 'EntityRecognitionResults');
      const health = spawnSync(process.execPath, [join(out, 'scripts/healthcheck.js')], {
        env: { ...process.env, NERGW_SERVER__PORT: url.port },
      });
      assert.equal(health.status, 0, 'HEALTHCHECK passes');
    } finally {
      await svc.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('Kubernetes manifests (deploy/k8s)', () => {
  const docs: { kind: string; metadata: { name: string }; [k: string]: unknown }[] = [];
  const models = {
    'v1/Namespace': Namespace,
    'v1/ConfigMap': ConfigMap,
    'v1/Secret': Secret,
    'v1/Service': Service,
    'v1/PersistentVolumeClaim': PersistentVolumeClaim,
    'apps/v1/Deployment': Deployment,
    'apps/v1/StatefulSet': StatefulSet,
    'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
    'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  } as const;
  type ModelKey = keyof typeof models;

  before(() => {
    const kustomization = parseYaml(read('deploy/k8s/kustomization.yaml')) as { resources: string[] };
    // The Secrets' example is validated too, but is not a resource: applying it would overwrite them.
    for (const file of [...kustomization.resources, 'secrets.example.yaml']) {
      for (const doc of parseAllDocuments(read(`deploy/k8s/${file}`))) {
        assert.equal(doc.errors.length, 0, `${file}: ${doc.errors.join('; ')}`);
        docs.push(doc.toJS() as (typeof docs)[number]);
      }
    }
  });

  test('every manifest validates against the Kubernetes schema of its kind', () => {
    for (const doc of docs) {
      const key = `${String(doc.apiVersion)}/${doc.kind}` as ModelKey;
      const Model = models[key];
      assert.ok(Model, `no schema for ${key}`);
      new Model(doc as never).validate();
    }
    const found = new Set(docs.map((d) => d.kind));
    for (const kind of [
      'StatefulSet',
      'Service',
      'HorizontalPodAutoscaler',
      'ConfigMap',
      'Secret',
      'PodDisruptionBudget',
    ])
      assert.ok(found.has(kind), `missing a ${kind}`);
  });

  test('`kubectl apply -k` leaves Secrets and the replica count to the operator and the autoscaler', () => {
    const kustomization = parseYaml(read('deploy/k8s/kustomization.yaml')) as { resources: string[] };
    for (const file of kustomization.resources) {
      for (const doc of parseAllDocuments(read(`deploy/k8s/${file}`))) {
        assert.notEqual((doc.toJS() as { kind: string }).kind, 'Secret', `${file} holds a Secret`);
      }
    }
    assert.equal(gateway().spec!.replicas, undefined, 'the HPA sets the replica count');
    assert.ok(gateway().spec!.template.spec!.containers[0]!.lifecycle?.preStop, 'preStop pause');
  });

  test('the validator rejects a broken manifest (the check can fail)', () => {
    const gateway = structuredClone(docs.find((d) => d.kind === 'StatefulSet')!) as unknown as {
      spec: { template: { spec: { containers: { ports: { containerPort: unknown }[] }[] } } };
    };
    gateway.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'https';
    assert.throws(() => new StatefulSet(gateway as never).validate(), /containerPort/);
  });

  const byName = (kind: string, name: string) =>
    docs.find((d) => d.kind === kind && d.metadata.name === name);
  const gateway = (): StatefulSet => byName('StatefulSet', 'ner-gateway') as unknown as StatefulSet;

  /** The ConfigMap's settings through the real config loader. */
  function configMapConfig(): Config {
    const cm = byName('ConfigMap', 'ner-gateway-config') as unknown as { data: Record<string, string> };
    const dir = mkdtempSync(join(tmpdir(), 'nergw-k8s-'));
    try {
      writeFileSync(join(dir, 'local.yaml'), cm.data['local.yaml']!);
      return loadConfig({ files: [join(dir, 'local.yaml')], env: { EULA: 'accept' }, argv: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('probes use anonymous paths; referenced ConfigMaps, Secrets and keys exist; config loads', () => {
    const pod = gateway().spec!.template.spec!;
    const c = pod.containers[0]!;
    const anonymous = ServerSchema.parse({}).anonymousPaths;
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      assert.ok(probe?.httpGet && anonymous.includes(probe.httpGet.path!), `probe ${probe?.httpGet?.path}`);
    }
    for (const v of pod.volumes ?? []) {
      if (v.configMap) assert.ok(byName('ConfigMap', v.configMap.name!), `ConfigMap ${v.configMap.name}`);
      if (v.secret) assert.ok(byName('Secret', v.secret.secretName!), `Secret ${v.secret.secretName}`);
    }
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) continue;
      const secret = byName('Secret', ref.name!) as { stringData?: Record<string, string> } | undefined;
      assert.ok(secret?.stringData?.[ref.key], `Secret ${ref.name} has no key ${ref.key}`);
    }
    // The ConfigMap's settings pass the real config validation; its files are the mounted Secrets' keys.
    const config = configMapConfig();
    const mountedFile = (file: string | undefined, mount: string, secret: string): void => {
      const s = byName('Secret', secret) as unknown as { stringData: Record<string, string> };
      assert.ok(file?.startsWith(`${mount}/`) && file.slice(mount.length + 1) in s.stringData, String(file));
      assert.ok(
        c.volumeMounts!.some(
          (m) =>
            m.mountPath === mount &&
            pod.volumes!.find((v) => v.name === m.name)?.secret?.secretName === secret,
        ),
        `${mount} mounts ${secret}`,
      );
    };
    for (const f of [config.tls.certFile, config.tls.keyFile, config.tls.clientCaFile]) {
      mountedFile(f, '/app/certs', 'ner-gateway-tls');
    }
    mountedFile(config.security.keyStoreFile, '/app/keys', 'ner-gateway-keystore');
  });

  test("the model folder of Azure's Custom NER run line is mounted read-only at models.modelPath", () => {
    const pod = gateway().spec!.template.spec!;
    const config = configMapConfig();
    const mount = pod.containers[0]!.volumeMounts!.find((m) => m.mountPath === config.models.modelPath);
    assert.ok(mount, `nothing is mounted at models.modelPath ${config.models.modelPath}`);
    assert.equal(mount.readOnly, true);
    assert.ok(
      pod.volumes!.some((v) => v.name === mount.name),
      `volume ${mount.name}`,
    );
    // The ConfigMap shows how to name the project; uncommented, its settings load.
    const cm = byName('ConfigMap', 'ner-gateway-config') as unknown as { data: Record<string, string> };
    const yaml = cm.data['local.yaml']!.replace(/# (projectName|exportedModelName):/g, '$1:');
    const dir = mkdtempSync(join(tmpdir(), 'nergw-k8s-'));
    try {
      writeFileSync(join(dir, 'local.yaml'), yaml);
      const named = loadConfig({ files: [join(dir, 'local.yaml')], env: {}, argv: [] });
      assert.ok(
        named.models.projectName && named.models.exportedModelName,
        'projectName and exportedModelName',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('memory request and limit cover the peak measured by the memory benchmark, with its worker count', () => {
    const measured =
      /## Memory[\s\S]*?inference\.workers=(\d+)[\s\S]*?Peak resident memory: \*\*([\d,]+) MiB\*\*/.exec(
        readFileSync(join(REPO, 'BENCHMARKS.md'), 'utf8'),
      );
    assert.ok(measured, 'BENCHMARKS.md has the memory section (BENCH_ONLY=memory npm run bench)');
    const [workers, peak] = [Number(measured[1]), Number(measured[2]!.replace(/,/g, ''))];
    assert.equal(configMapConfig().inference.workers, workers, "measured with the ConfigMap's workers");
    const resources = gateway().spec!.template.spec!.containers[0]!.resources!;
    const mebibytes = (q: unknown): number => {
      const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
      assert.ok(m, `memory quantity ${String(q)} in Mi or Gi`);
      return Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1);
    };
    assert.ok(mebibytes(resources.requests!.memory) >= peak, `request >= measured peak ${peak} MiB`);
    assert.ok(mebibytes(resources.limits!.memory) >= peak * 1.3, 'limit >= 1.3 × measured peak');
  });

  test('each pod keeps its state on a volume of its own; HPA and PDB target the StatefulSet; limits in Redis', () => {
    const gw = gateway();
    const pod = gw.spec!.template.spec!;
    const labels = gw.spec!.template.metadata!.labels!;
    // Stable pod names come from a headless Service selecting the pods.
    const headless = byName('Service', gw.spec!.serviceName!) as unknown as Service;
    assert.equal(headless?.spec?.clusterIP, 'None');
    for (const [k, v] of Object.entries(headless.spec!.selector!)) assert.equal(labels[k], v);
    // Everything the gateway writes is on a volumeClaimTemplate (per pod, kept across pod deletion),
    // never on an emptyDir or the read-only root filesystem.
    const claims = new Set(gw.spec!.volumeClaimTemplates!.map((t) => t.metadata!.name!));
    const config = configMapConfig();
    for (const path of writtenPaths(config)) {
      const mount = pod.containers[0]!.volumeMounts!.find((m) => under(path, m.mountPath));
      assert.ok(mount && claims.has(mount.name), `${path} is not on a per-pod persistent volume`);
      assert.ok(!pod.volumes?.some((v) => v.name === mount.name), `${mount.name} is also a pod volume`);
    }
    assert.equal(gw.spec!.persistentVolumeClaimRetentionPolicy?.whenScaled, 'Retain');
    const hpa = byName('HorizontalPodAutoscaler', 'ner-gateway') as unknown as HorizontalPodAutoscaler;
    assert.deepEqual(
      { kind: hpa.spec!.scaleTargetRef.kind, name: hpa.spec!.scaleTargetRef.name },
      { kind: 'StatefulSet', name: 'ner-gateway' },
    );
    const pdb = byName('PodDisruptionBudget', 'ner-gateway') as unknown as PodDisruptionBudget;
    for (const [k, v] of Object.entries(pdb.spec!.selector!.matchLabels!)) assert.equal(labels[k], v);
    // Async jobs live in that Redis too: any pod serves any poll, so the Service keeps no affinity.
    assert.equal(config.jobs.store, 'redis');
    assert.equal(config.jobs.redisUrl, undefined, 'jobs use rateLimits.redisUrl (with the password)');
    const service = byName('Service', 'ner-gateway') as unknown as { spec: { sessionAffinity?: string } };
    assert.ok([undefined, 'None'].includes(service.spec.sessionAffinity), service.spec.sessionAffinity);
    // Replicas share one rate limit through the Redis Service of these manifests.
    assert.equal(config.rateLimits.store, 'redis');
    assert.ok(byName('Service', new URL(config.rateLimits.redisUrl!).hostname), config.rateLimits.redisUrl);
    // ... with Redis's password, which the pods get from the Secret Redis itself reads.
    const env = gw.spec!.template.spec!.containers[0]!.env!;
    const url = env.find((e) => e.name === 'NERGW_RATELIMITS__REDISURL')?.valueFrom?.secretKeyRef;
    const redis = byName('Deployment', 'redis') as unknown as Deployment;
    const password = redis.spec!.template.spec!.containers[0]!.env!.find((e) => e.name === 'REDIS_PASSWORD');
    assert.equal(url?.name, password?.valueFrom?.secretKeyRef?.name, 'one Secret for both');
    assert.ok(redis.spec!.template.spec!.containers[0]!.args!.includes('$(REDIS_PASSWORD)'));
    const secret = byName('Secret', url!.name!) as unknown as { stringData: Record<string, string> };
    const withPassword = new URL(secret.stringData[url!.key]!);
    assert.equal(decodeURIComponent(withPassword.password), secret.stringData.password);
    assert.equal(withPassword.hostname, new URL(config.rateLimits.redisUrl!).hostname);
  });
});

describe('scripts the images run', () => {
  let svc: TestService;
  const dir = mkdtempSync(join(tmpdir(), 'nergw-scripts-'));
  before(async () => {
    svc = await startTestService();
  });
  after(async () => {
    await svc?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function runScript(
    script: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [...nodeArgsFor(script), ...args], {
        cwd: REPO,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
        timeout: 60_000,
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
      child.on('close', (code) => resolve({ code, out }));
    });
  }

  test('the HEALTHCHECK probe passes against a live gateway and fails against a dead port', async () => {
    const port = new URL(svc.url).port;
    assert.equal((await runScript('scripts/healthcheck.ts', [], { NERGW_SERVER__PORT: port })).code, 0);
    assert.equal((await runScript('scripts/healthcheck.ts', [], { NERGW_SERVER__PORT: '1' })).code, 1);
  });

  test('the demo upstream behind the compose proxy route answers with injected key (masked) and principal', async () => {
    const upstream = spawn(
      process.execPath,
      [...nodeArgsFor('scripts/demo-upstream.ts'), '--port', '0', '--host', '127.0.0.1'],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let gw: TestService | undefined;
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`demo upstream did not start: ${out}`)), 20_000);
        upstream.stdout.setEncoding('utf8').on('data', (s: string) => {
          out += s;
          const m = /"port":(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      // The compose route as configured, pointed at the loopback instead of the compose service name.
      const composeConfig = loadConfig({
        files: [join(REPO, 'deploy/compose/config/local.yaml')],
        env: { DEMO_UPSTREAM_KEY: 'k' },
        argv: [],
      });
      const raw = parseYaml(read('deploy/compose/config/local.yaml')) as {
        proxy: { routes: { target: string }[] };
      };
      const routes = raw.proxy.routes.map((r) => ({ ...r, target: `http://127.0.0.1:${port}` }));
      process.env.DEMO_UPSTREAM_KEY = 'demo-key';
      gw = await startTestService({ args: [`Proxy:Routes=${JSON.stringify(routes)}`] });
      const prefix = composeConfig.proxy.routes[0]!.prefix;
      const r = await call(gw, `${prefix}/hello`, {
        headers: { 'Ocp-Apim-Subscription-Key': gw.subscriptionKey },
      });
      assert.equal(r.status, 200);
      assert.equal(r.json.app, 'demo-upstream');
      assert.equal(r.json.path, '/hello');
      assert.equal(r.json.headers['x-demo-upstream-key'], '***');
      assert.equal(r.json.headers['x-nergw-principal'], TEST_PRINCIPAL);
      assert.equal(r.json.headers['ocp-apim-subscription-key'], undefined);
      // The route's healthPath makes /ready follow the upstream (first probe runs at start).
      let ready = 0;
      for (let i = 0; i < 50 && ready !== 200; i++) {
        ready = (await call(gw, '/ready')).status;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(ready, 200);
    } finally {
      delete process.env.DEMO_UPSTREAM_KEY;
      await gw?.close();
      upstream.kill('SIGKILL');
    }
  });

  test('the compose PKI step makes the certificates once and keeps them on later runs', async () => {
    const first = await runScript('scripts/dev-certs.ts', [join(dir, 'certs')], {});
    assert.equal(first.code, 0);
    assert.match(first.out, /created/);
    const ca = readFileSync(join(dir, 'certs', 'dev-ca.crt'), 'utf8');
    const second = await runScript('scripts/dev-certs.ts', [join(dir, 'certs')], {});
    assert.match(second.out, /present/);
    assert.equal(readFileSync(join(dir, 'certs', 'dev-ca.crt'), 'utf8'), ca);
  });
});
