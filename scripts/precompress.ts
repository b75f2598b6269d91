import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

// Text the browser downloads; images and fonts are compressed already.
const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|map)$/;

/**
 * Writes `file.br` and `file.gz` beside every compressible file under `dir`, at the highest levels:
 * done once per build, so the server sends compressed bytes without compressing per request.
 */
export async function precompressDir(dir: string): Promise<string[]> {
  const files = (await readdir(dir, { recursive: true, encoding: 'utf8' })).filter((file) => COMPRESSIBLE.test(file));
  await Promise.all(
    files.map(async (file) => {
      const full = path.join(dir, file);
      const body = await readFile(full);
      const [br, gzipped] = await Promise.all([
        brotli(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }),
        gz(body, { level: constants.Z_BEST_COMPRESSION }),
      ]);
      await Promise.all([writeFile(`${full}.br`, br), writeFile(`${full}.gz`, gzipped)]);
    }),
  );
  return files;
}

/** Vite build plugin: precompresses the finished output folder. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'tradeloom:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
