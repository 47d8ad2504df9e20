import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * SmartDCC's own DUIS signing and validation tool (GPL-3.0), shipped as a jar inside the
 * devDependency @smartdcc/duis-sign-wrap: the independent judge of our XMLDSig. Test use only.
 * It knows the DCC test environment's XML-signing keys and finds them from the RequestID.
 */
const require = createRequire(import.meta.url);
export const SIGNING_TOOL_JAR = join(dirname(require.resolve('@smartdcc/duis-sign-wrap')), 'tool.jar');

const here = dirname(fileURLToPath(import.meta.url));
export const DUIS_FIXTURES = join(here, '..', 'fixtures', 'duis');

function withFile<T>(xml: string, run: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'smetsim-duis-'));
  try {
    const file = join(dir, 'message.xml');
    writeFileSync(file, xml);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `Sign --preserveCounter`: signs a request with its originator's XML-signing key. */
export function jarSign(xml: string): string {
  return withFile(xml, (file) =>
    execFileSync('java', ['-cp', SIGNING_TOOL_JAR, 'uk.co.smartdcc.boxed.xmldsig.Sign', '--preserveCounter', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** `Validate`: the 5.1 schema and the signature. Exit 0 also when there is no signature at all. */
export function jarValidate(xml: string): { status: number | null; output: string } {
  return withFile(xml, (file) => {
    const run = spawnSync('java', ['-cp', SIGNING_TOOL_JAR, 'uk.co.smartdcc.boxed.xmldsig.Validate', file], {
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  });
}

export function fixture(name: string): string {
  return readFileSync(join(DUIS_FIXTURES, name), 'utf8');
}
