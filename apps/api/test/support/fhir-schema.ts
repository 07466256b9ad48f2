import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

let compiled: { bundle: ValidateFunction; resource: (type: string) => ValidateFunction } | undefined;

/**
 * The official FHIR R4 JSON schema (hl7.org/fhir/R4/fhir.schema.json, shipped in
 * test/fixtures/fhir), compiled with ajv. Its root carries draft-04's `id`, which ajv 8 refuses:
 * it is read as `$id`; its OpenAPI `discriminator` is ignored (strict off). Compiling takes seconds:
 * once per test file.
 */
export function fhirR4() {
  if (compiled) return compiled;
  const { id, ...schema } = JSON.parse(readFileSync(join(__dirname, '../fixtures/fhir/fhir.schema.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ $id: id, ...schema });
  const bundle = ajv.getSchema(`${id}#/definitions/Bundle`)!;
  const resource = (type: string) => ajv.getSchema(`${id}#/definitions/${type}`)!;
  compiled = { bundle, resource };
  return compiled;
}

/** Schema errors of a bundle and of each of its resources (readable: the root's oneOf reports little), or []. */
export function fhirErrors(bundle: { entry?: { resource: { resourceType: string } }[] }): string[] {
  const { bundle: validate, resource } = fhirR4();
  const errors: string[] = [];
  if (!validate(bundle)) errors.push(`Bundle: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  for (const [i, e] of (bundle.entry ?? []).entries()) {
    const v = resource(e.resource.resourceType);
    if (!v) errors.push(`entry ${i}: unknown resourceType ${e.resource.resourceType}`);
    else if (!v(e.resource)) errors.push(`entry ${i} ${e.resource.resourceType}: ${JSON.stringify(v.errors?.slice(0, 3))}`);
  }
  return errors;
}
