import type { OverlapPolicy } from '../entities/overlap.ts';
import type { EntitySelection } from '../entities/selection.ts';
import { FILTER_NAMES } from '../entities/taxonomy.ts';
import type { ApiVersion } from './api-version.ts';
import { ApiError } from '../http/errors.ts';
import type { EntitiesParameters } from './schemas.ts';

/** How entities are shaped and selected for one EntityRecognition task, by api-version and parameters. */
export interface EntityOutputOptions {
  /** `type` and `tags` on every entity (2024-11-01 and later). */
  readonly entityMetadata: boolean;
  /** Resolved `metadata` (2025-11-01, unless `inferenceOptions.excludeNormalizedValues`). */
  readonly resolvedMetadata: boolean;
  readonly overlapPolicy: OverlapPolicy;
  readonly inclusionList?: readonly string[];
  readonly exclusionList?: readonly string[];
}

/** The output options of older api-versions and of Custom NER: category/subcategory, longest match wins. */
export const PLAIN_OUTPUT: EntityOutputOptions = {
  entityMetadata: false,
  resolvedMetadata: false,
  overlapPolicy: 'matchLongest',
};

function checkNames(list: readonly string[] | undefined, target: string): void {
  for (const name of list ?? []) {
    if (FILTER_NAMES.has(name)) continue;
    throw ApiError.invalidRequest('Invalid parameter in request.', {
      code: 'InvalidParameterValue',
      message: `'${name}' is not a supported entity type in ${target}. Supported values: ${[...FILTER_NAMES].sort().join(', ')}.`,
      target,
    });
  }
}

/**
 * The output options of a general NER task. The 2024-11-01 parameters are ignored by older
 * api-versions (as Azure's older versions do not know them); unknown entity names are a 400.
 */
export function entityOutputOptions(version: ApiVersion, params: EntitiesParameters): EntityOutputOptions {
  if (version < '2024-11-01') return PLAIN_OUTPUT;
  checkNames(params.inclusionList, 'parameters.inclusionList');
  checkNames(params.exclusionList, 'parameters.exclusionList');
  return {
    entityMetadata: true,
    resolvedMetadata: version >= '2025-11-01' && params.inferenceOptions?.excludeNormalizedValues !== true,
    overlapPolicy: params.overlapPolicy?.policyKind ?? 'matchLongest',
    ...(params.inclusionList?.length ? { inclusionList: params.inclusionList } : {}),
    ...(params.exclusionList?.length ? { exclusionList: params.exclusionList } : {}),
  };
}

/** What the pool is to keep of each document's entities for these options. */
export function selectionOf(output: EntityOutputOptions): EntitySelection {
  return {
    overlapPolicy: output.overlapPolicy,
    metadata: output.resolvedMetadata,
    ...(output.inclusionList ? { inclusionList: output.inclusionList } : {}),
    ...(output.exclusionList ? { exclusionList: output.exclusionList } : {}),
  };
}
