import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD = readFileSync(join(__dirname, '../fixtures/edxl-have/edxl-have-2.0-subset.xsd'), 'utf8');

/** libxml2's XSD validation (xmllint, as WebAssembly: offline, no native build) of a HAVE document; [] when valid. */
export async function edxlHaveErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'have.xml', contents: xml }], schema: [{ fileName: 'edxl-have-2.0-subset.xsd', contents: XSD }] });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}
