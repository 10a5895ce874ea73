/**
 * Azure's Custom NER service limits (MicrosoftDocs/azure-ai-docs,
 * `custom-named-entity-recognition/service-limits.md`) that concern the authoring API; the limits of
 * a project's content (documents, characters, entity types, label length, entity names) are checked
 * by the trainer's `validateProject` (src/training/custom/limits.ts).
 */
export const LIMITS = {
  projectsPerResource: 500,
  /** Azure's lower limit of documents: fewer labelled documents are not trained. */
  minTrainingDocuments: 10,
  trainedModelsPerProject: 10,
  deploymentsPerProject: 10,
  nameLength: 50,
} as const;

/**
 * Project, model and deployment names: letters, digits, `_ . -`, at most 50; not starting with a dot
 * (each names a folder, and folders starting with a dot are staging areas, never served).
 */
const RESOURCE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,49}$/;

export type NamedThing = 'project' | 'model' | 'deployment';

/** Why `name` cannot name a project, model or deployment; undefined if it can. */
export function resourceNameProblem(kind: NamedThing, name: string): string | undefined {
  if (RESOURCE_NAME.test(name)) return undefined;
  return `The ${kind} name '${name}' is invalid: use only letters (a-z, A-Z), numbers (0-9) and the symbols _ . - (not first a dot), at most ${LIMITS.nameLength} characters.`;
}

/**
 * Why `name` cannot name a document file (Azure: a file at the root of the storage container) or a
 * storage container; undefined if it can. Only what would escape the folder is refused.
 */
export function fileNameProblem(what: 'document' | 'container', name: string): string | undefined {
  if (name.length > 0 && name.length <= 255 && !/[/\\\0]/.test(name) && !/^\.+$/.test(name)) return undefined;
  return `The ${what} name '${name}' is invalid: it must be a file name at the root of the ${what === 'document' ? 'storage container' : 'storage root'} (no / or \\, not . or ..), at most 255 characters.`;
}
