/**
 * Validation of real responses against the official Azure OpenAPI (Swagger 2.0) in ../shared/azure-spec.
 *
 * Two views of each definition: the spec as written (open objects, as Swagger 2.0 means them), and
 * a "closed" copy in which every non-polymorphic object also rejects properties the spec does not
 * declare, so a misspelt field (e.g. `lastUpdatedDateTime` on a task item) is caught too.
 * Polymorphic values (`discriminator`) are validated against the subtype their discriminator names.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2019Module from 'ajv/dist/2019.js';

/** `../shared/azure-spec/` relative to the repository root (CI has ../shared beside the clone). */
export const SPEC_ROOT = fileURLToPath(new URL('../../../shared/azure-spec/', import.meta.url));

export type Json = Record<string, unknown>;
interface SwaggerDefinition {
  properties?: Json;
  discriminator?: string;
  allOf?: { $ref: string }[];
  'x-ms-discriminator-value'?: string;
}
interface Swagger {
  definitions: Record<string, SwaggerDefinition>;
}

/** The spec with `unevaluatedProperties: false` on every object definition that is not a polymorphic base. */
function closedCopy(swagger: Swagger): Swagger {
  const copy = structuredClone(swagger);
  for (const def of Object.values(copy.definitions)) {
    if (def.properties && !def.discriminator) Object.assign(def, { unevaluatedProperties: false });
  }
  return copy;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Ajv2019 = Ajv2019Module.default;

/** Validation against one spec file (`<api-version>/analyzetext.json`, or another file of that folder). */
export class SpecValidator {
  readonly spec: Swagger;
  private readonly ajv = new Ajv2019({
    strict: false,
    allErrors: true,
    logger: false,
    formats: {
      'date-time': (s: string) => ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)),
      uuid: UUID,
      int32: {
        type: 'number',
        validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
      },
      int64: { type: 'number', validate: (n: number) => Number.isSafeInteger(n) },
      double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
    },
  });
  private readonly open: string;
  private readonly closed: string;

  /** `file`: the spec file of that api-version (`analyzetext-authoring.json` for the authoring API). */
  constructor(version: string, file = 'analyzetext.json') {
    this.spec = JSON.parse(readFileSync(`${SPEC_ROOT}${version}/${file}`, 'utf8')) as Swagger;
    this.open = `https://ner-gateway.test/azure-spec/${version}/${file}`;
    this.closed = `https://ner-gateway.test/azure-spec/${version}/closed-${file}`;
    this.ajv.addSchema(this.spec, this.open);
    this.ajv.addSchema(closedCopy(this.spec), this.closed);
  }

  /** Problems of `value` against definition `name` (both views), as readable lines; empty when valid. */
  problems(name: string, value: unknown): string[] {
    assert.ok(this.spec.definitions[name], `the spec has no definition ${name}`);
    const out: string[] = [];
    for (const [view, id] of [
      ['spec', this.open],
      ['closed', this.closed],
    ] as const) {
      const validate = this.ajv.getSchema(`${id}#/definitions/${name}`);
      assert.ok(validate, `cannot compile ${name}`);
      if (!validate(value)) {
        for (const e of validate.errors ?? []) {
          out.push(`[${view}] ${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
        }
      }
    }
    return out;
  }

  /** The subtype of polymorphic `base` whose `x-ms-discriminator-value` is `kind`. */
  subtype(base: string, kind: unknown): string {
    const found = Object.entries(this.spec.definitions).find(
      ([, d]) =>
        d['x-ms-discriminator-value'] === kind &&
        (d.allOf ?? []).some((a) => a.$ref === `#/definitions/${base}`),
    );
    assert.ok(found, `no subtype of ${base} with kind ${String(kind)}`);
    return found[0];
  }

  assertValid(name: string, value: unknown): void {
    const found = this.problems(name, value);
    assert.deepEqual(
      found,
      [],
      `${name} does not match the spec:\n${found.join('\n')}\n${JSON.stringify(value)}`,
    );
  }
}
