import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LanguageStudioProject } from '../training/custom/index.ts';
import { authoringErrors } from './failures.ts';
import { listNames, readJson, writeJson, writeText } from './files.ts';
import type { DeploymentRecord, ModelRecord, ProjectRecord } from './types.ts';

/** A project's labels as the project file holds them (the working copy, or a trained model's snapshot). */
export type ProjectAssets = Pick<LanguageStudioProject, 'projectFileVersion' | 'assets'>;

/** One project in memory: its metadata and the records of its models and deployments. */
export interface ProjectState {
  record: ProjectRecord;
  readonly models: Map<string, ModelRecord>;
  readonly deployments: Map<string, DeploymentRecord>;
}

export const EMPTY_ASSETS: ProjectAssets = {
  projectFileVersion: '2022-05-01',
  assets: { projectKind: 'CustomEntityRecognition', entities: [], documents: [] },
};

/**
 * Authoring state on disk under `dataDir`, and its index in memory (read once at start):
 *
 *     projects/<project>/project.json                  metadata
 *     projects/<project>/assets.json                   labels (the project file's `assets`)
 *     projects/<project>/documents/<location>          document texts, copied at import
 *     projects/<project>/models/<label>/record.json    trained model
 *     projects/<project>/models/<label>/model/         the servable model folder (copied to deploy)
 *     projects/<project>/models/<label>/{evaluation-summary,evaluation-results,assets}.json
 *     projects/<project>/deployments.json              deployment records
 *
 * Every file is replaced atomically; documents are swapped in as a whole folder.
 */
export class ProjectStore {
  private readonly projects = new Map<string, ProjectState>();

  constructor(private readonly dataDir: string) {
    for (const name of listNames(this.root)) {
      const record = readJson<ProjectRecord>(join(this.dir(name), 'project.json'));
      if (!record) continue; // a project being created when the process stopped
      const models = new Map<string, ModelRecord>();
      for (const label of listNames(join(this.dir(name), 'models'))) {
        const model = readJson<ModelRecord>(join(this.modelDir(name, label), 'record.json'));
        if (model) models.set(label, model);
      }
      const deployments = readJson<Record<string, DeploymentRecord>>(
        join(this.dir(name), 'deployments.json'),
      );
      this.projects.set(name, { record, models, deployments: new Map(Object.entries(deployments ?? {})) });
    }
  }

  private get root(): string {
    return join(this.dataDir, 'projects');
  }

  dir(projectName: string): string {
    return join(this.root, projectName);
  }

  modelDir(projectName: string, label: string): string {
    return join(this.dir(projectName), 'models', label);
  }

  /** The servable model folder of a trained model. */
  servableDir(projectName: string, label: string): string {
    return join(this.modelDir(projectName, label), 'model');
  }

  list(): ProjectState[] {
    return [...this.projects.values()].sort((a, b) =>
      a.record.projectName.localeCompare(b.record.projectName),
    );
  }

  get size(): number {
    return this.projects.size;
  }

  find(projectName: string): ProjectState | undefined {
    return this.projects.get(projectName);
  }

  get(projectName: string): ProjectState {
    const project = this.projects.get(projectName);
    if (!project) throw authoringErrors.projectNotFound(projectName);
    return project;
  }

  async saveProject(record: ProjectRecord): Promise<ProjectState> {
    await writeJson(join(this.dir(record.projectName), 'project.json'), record);
    const existing = this.projects.get(record.projectName);
    if (existing) {
      existing.record = record;
      return existing;
    }
    const created: ProjectState = { record, models: new Map(), deployments: new Map() };
    this.projects.set(record.projectName, created);
    return created;
  }

  /** The working copy's labels (an empty project before its first import). */
  readAssets(projectName: string): ProjectAssets {
    return readJson<ProjectAssets>(join(this.dir(projectName), 'assets.json')) ?? EMPTY_ASSETS;
  }

  /** Texts of the project's documents, by location (read a batch at a time, off the HTTP thread). */
  async readDocuments(projectName: string, locations: readonly string[]): Promise<Map<string, string>> {
    const folder = join(this.dir(projectName), 'documents');
    const texts = new Map<string, string>();
    for (let i = 0; i < locations.length; i += 64) {
      const batch = locations.slice(i, i + 64);
      const read = await Promise.all(batch.map((l) => readFile(join(folder, l), 'utf8')));
      batch.forEach((l, j) => texts.set(l, read[j]!));
    }
    return texts;
  }

  /** Replaces the project's labels and documents (an import). */
  async replaceContent(projectName: string, assets: ProjectAssets, texts: ReadonlyMap<string, string>) {
    const dir = this.dir(projectName);
    const incoming = join(dir, '.documents-incoming');
    const outgoing = join(dir, '.documents-outgoing');
    await rm(incoming, { recursive: true, force: true });
    await mkdir(incoming, { recursive: true });
    for (const [location, text] of texts) await writeText(join(incoming, location), text);
    await rm(outgoing, { recursive: true, force: true });
    await rename(join(dir, 'documents'), outgoing).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(incoming, join(dir, 'documents'));
    await writeJson(join(dir, 'assets.json'), assets);
    await rm(outgoing, { recursive: true, force: true });
  }

  async saveModel(projectName: string, model: ModelRecord): Promise<void> {
    await writeJson(join(this.modelDir(projectName, model.label), 'record.json'), model);
    this.get(projectName).models.set(model.label, model);
  }

  async deleteModel(projectName: string, label: string): Promise<void> {
    const project = this.get(projectName);
    // The record goes first: a crash halfway leaves files no record points to, never the reverse.
    await rm(join(this.modelDir(projectName, label), 'record.json'), { force: true });
    project.models.delete(label);
    await rm(this.modelDir(projectName, label), { recursive: true, force: true });
  }

  async saveDeployments(projectName: string): Promise<void> {
    const project = this.get(projectName);
    await writeJson(join(this.dir(projectName), 'deployments.json'), Object.fromEntries(project.deployments));
  }

  async deleteProject(projectName: string): Promise<void> {
    await rm(join(this.dir(projectName), 'project.json'), { force: true });
    this.projects.delete(projectName);
    await rm(this.dir(projectName), { recursive: true, force: true });
  }
}
