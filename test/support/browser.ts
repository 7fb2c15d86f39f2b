/**
 * Finds a Chromium for the browser tests and the screenshot tooling, on any machine, and
 * launches it with playwright-core (which downloads no browser of its own). The order:
 *
 *   1. `CHROMIUM_PATH`, when set (it must name an executable file, else the tests stop
 *      with that message rather than quietly using another browser);
 *   2. Debian's `/usr/bin/chromium` (`.ci/run` installs it), if it is an executable file;
 *   3. an installed Chrome or Chromium at its usual path;
 *   4. the Chromium inside the `@sparticuz/chromium` devDependency: the binary ships in the
 *      npm package itself (brotli-compressed), so `npm install` brings it with no download
 *      and it works offline. Its `executablePath()` unpacks it once; the package also carries
 *      the NSS libraries the binary links against, unpacked beside it, so the browser needs
 *      nothing from the system but glibc.
 *
 * `BROWSER_SKIP_SYSTEM=1` skips steps 2 and 3: a way to run the suite against the packaged
 * browser on a machine that has Debian's.
 */
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found, for messages. */
  source: 'CHROMIUM_PATH' | 'debian' | 'installed' | '@sparticuz/chromium';
  /** Extra environment the browser needs (the packaged one: its own libraries and fonts). */
  env: Record<string, string>;
}

const DEBIAN = '/usr/bin/chromium';
const INSTALLED = [
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/usr/bin/chromium-browser',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Flags for headless runs on a closed network: without the background-networking ones
 * Chromium keeps trying to reach Google's hosts, and each refused connection is noise.
 */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const given = env.CHROMIUM_PATH;
  if (given) {
    if (!isExecutableFile(given)) {
      throw new Error(`CHROMIUM_PATH is ${given}, which is not an executable file.`);
    }
    return { executablePath: given, source: 'CHROMIUM_PATH', env: {} };
  }
  if (env.BROWSER_SKIP_SYSTEM !== '1') {
    if (isExecutableFile(DEBIAN)) return { executablePath: DEBIAN, source: 'debian', env: {} };
    const installed = INSTALLED.find(isExecutableFile);
    if (installed) return { executablePath: installed, source: 'installed', env: {} };
  }
  return packagedBrowser();
}

/**
 * The Chromium inside @sparticuz/chromium, unpacked once into a folder of its own per
 * package version. Its `executablePath()` unpacks into `os.tmpdir()`, skipping files that
 * exist, so several jest workers unpacking at once could hand each other a half-written
 * binary: each unpacks into a private staging folder (TMPDIR pointed at it, in a child
 * process) and renames it into place, which is atomic; a loser of that race uses the winner's.
 */
function packagedBrowser(): FoundBrowser {
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    throw new Error(
      "No Chromium found: set CHROMIUM_PATH, install Debian's chromium, or run `npm install` (the devDependency @sparticuz/chromium carries one).",
    );
  }
  // build/cjs/index.cjs → the package root, which holds bin/ with the compressed files.
  const root = dirname(dirname(dirname(entry)));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const home = join(tmpdir(), 'contact-import-chromium', version);
  if (!existsSync(join(home, 'chromium'))) unpack(root, home);
  return {
    executablePath: join(home, 'chromium'),
    source: '@sparticuz/chromium',
    env: {
      LD_LIBRARY_PATH: [join(home, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(':'),
      FONTCONFIG_PATH: join(home, 'fonts'),
    },
  };
}

function unpack(root: string, home: string): void {
  const stage = `${home}.${process.pid}.${Date.now()}`;
  mkdirSync(stage, { recursive: true });
  try {
    const script = `require(${JSON.stringify(root)}).executablePath().then((p) => process.stdout.write(p))`;
    execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TMPDIR: stage } });
    // The NSS libraries the binary links against (libnss3, libnspr4, …), which a machine
    // without a system browser may lack. The package unpacks them itself only on AWS.
    const libs = join(root, 'bin', 'al2023.tar.br');
    if (existsSync(libs)) {
      mkdirSync(join(stage, 'al2023'));
      const script = `require('node:fs').createReadStream(${JSON.stringify(libs)}).pipe(require('node:zlib').createBrotliDecompress()).pipe(process.stdout)`;
      const tar = execFileSync(process.execPath, ['-e', script], { maxBuffer: 1 << 30 });
      execFileSync('tar', ['-x', '-C', join(stage, 'al2023')], { input: tar });
    }
    // The package's fonts.conf names Lambda's folders (/tmp/fonts, /var/task/fonts); with no
    // font found, the renderer aborts ("SkFontMgr_FontConfigInterface: Not implemented") and
    // every page crashes. This one names the fonts it ships, where they now are, and the
    // system's fonts where there are any.
    writeFileSync(join(stage, 'fonts', 'fonts.conf'), fontsConf(home));
    try {
      renameSync(stage, home);
    } catch (e) {
      // Another worker got there first: its folder is complete (renamed whole), use it.
      if (!existsSync(join(home, 'chromium'))) throw e;
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function fontsConf(home: string): string {
  const dirs = [join(home, 'fonts', 'fonts'), '/usr/share/fonts', '/usr/local/share/fonts'];
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...dirs.map((dir) => `  <dir>${dir}</dir>`),
    `  <cachedir>${join(home, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

/** Launches the browser findBrowser finds, headless, with the flags every test uses. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const found = findBrowser();
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: found.executablePath,
    env: { ...process.env, ...found.env, ...options.env } as LaunchOptions['env'],
    args: [...FLAGS, ...(options.args ?? [])],
  });
}
