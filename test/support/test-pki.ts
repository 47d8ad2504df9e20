import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The DCC's public test PKI. The project keeps its own copy in reference/test-pki so that the
 * tests run from any clone; it is the same set as ../shared/reference/test-pki.
 */
export const TEST_PKI_DIR = join(here, '..', '..', 'reference', 'test-pki');

export function TEST_PKI(file: string): string {
  const path = join(TEST_PKI_DIR, file);
  if (!existsSync(path)) throw new Error(`test PKI file ${file} is missing from ${TEST_PKI_DIR}`);
  return path;
}
