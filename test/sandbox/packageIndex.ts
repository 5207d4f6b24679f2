// A real package index for the environment tests: wheels made here (zip files with a *.dist-info)
// served as a PEP 503 "simple" index over HTTP on 127.0.0.1, recording every request.
import { createHash } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as zlib from 'zlib';
import { tarOfEntries } from '../../src/sandbox/tarArchive';

export interface Wheel {
  /** Project name as published, e.g. "PyYAML". */
  name: string;
  version: string;
  /** Path inside site-packages -> text. */
  files: Record<string, string>;
  /** Requires-Dist lines; `{packages}` stands for this index's packages URL (its port is known only once it listens). */
  requires?: string[];
}

export interface PackageIndex {
  /** The index URL for pip's --index-url. */
  url: string;
  port: number;
  /** Paths requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A source archive: building it runs its setup.py, which is what the adversarial tests watch for. */
export interface Sdist {
  name: string;
  version: string;
  /** Path inside the project folder (setup.py, the package) -> text. */
  files: Record<string, string>;
}

export function sdistFileName(sdist: Sdist): string {
  return `${sdist.name}-${sdist.version}.tar.gz`;
}

function sdistBytes(sdist: Sdist): Buffer {
  const folder = `${sdist.name}-${sdist.version}`;
  const pkgInfo = `Metadata-Version: 2.1\nName: ${sdist.name}\nVersion: ${sdist.version}\n`;
  const files = { ...sdist.files, 'PKG-INFO': pkgInfo };
  const folders = new Set(Object.keys(files).flatMap((name) => name.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  return zlib.gzipSync(tarOfEntries([
    { name: `${folder}/`, mode: 0o755 },
    ...[...folders].sort().map((name) => ({ name: `${folder}/${name}/`, mode: 0o755 })),
    ...Object.entries(files).map(([name, text]) => ({ name: `${folder}/${name}`, text, mode: 0o644 })),
  ]));
}

export function wheelFileName(wheel: Wheel): string {
  return `${wheel.name.replace(/[-_.]+/g, '_')}-${wheel.version}-py3-none-any.whl`;
}

/** A pure-Python wheel: the files, METADATA, WHEEL and a RECORD with each file's hash and size. */
export function wheelBytes(wheel: Wheel, packagesUrl = ''): Buffer {
  const distInfo = `${wheel.name.replace(/[-_.]+/g, '_')}-${wheel.version}.dist-info`;
  const requires = (wheel.requires ?? []).map((line) => `Requires-Dist: ${line.replace('{packages}', packagesUrl)}\n`).join('');
  const entries: Record<string, string> = {
    ...wheel.files,
    [`${distInfo}/METADATA`]: `Metadata-Version: 2.1\nName: ${wheel.name}\nVersion: ${wheel.version}\n${requires}`,
    [`${distInfo}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: self-heal-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  const record = Object.entries(entries).map(([name, text]) => {
    const digest = createHash('sha256').update(text).digest('base64url');
    return `${name},sha256=${digest},${Buffer.byteLength(text)}`;
  });
  entries[`${distInfo}/RECORD`] = [...record, `${distInfo}/RECORD,,`, ''].join('\n');
  return zipOf(entries);
}

/**
 * Serves the wheels under /PREFIX/simple/ (PEP 503) and /PREFIX/packages/; over HTTPS with `tls`
 * (a certificate pip cannot verify unless the host is trusted).
 */
export async function startPackageIndex(prefix: string, wheels: readonly Wheel[], sdists: readonly Sdist[] = [], tls?: { key: string; cert: string }): Promise<PackageIndex> {
  const requests: string[] = [];
  let files = new Map<string, Buffer>();
  const published = [...wheels.map((w) => ({ name: w.name, file: wheelFileName(w) })), ...sdists.map((d) => ({ name: d.name, file: sdistFileName(d) }))];
  const serve: http.RequestListener = (request, response) => {
    const path = request.url ?? '';
    requests.push(path);
    const html = (body: string): void => {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(`<!DOCTYPE html><html><body>${body}</body></html>`);
    };
    if (path === `/${prefix}/simple/`) return html(published.map((w) => `<a href="${normalized(w.name)}/">${w.name}</a>`).join('\n'));
    const project = new RegExp(`^/${prefix}/simple/([^/]+)/$`).exec(path)?.[1];
    const ofProject = published.filter((w) => normalized(w.name) === project);
    if (ofProject.length > 0) {
      return html(ofProject.map(({ file }) => {
        const sha256 = createHash('sha256').update(files.get(file)!).digest('hex');
        return `<a href="../../packages/${file}#sha256=${sha256}">${file}</a>`;
      }).join('\n'));
    }
    const file = files.get(path.slice(`/${prefix}/packages/`.length));
    if (path.startsWith(`/${prefix}/packages/`) && file) {
      return void response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': file.length }).end(file);
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  };
  const server = tls ? https.createServer(tls, serve) : http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  files = new Map([
    ...wheels.map((wheel): [string, Buffer] => [wheelFileName(wheel), wheelBytes(wheel, `${tls ? 'https' : 'http'}://127.0.0.1:${port}/${prefix}/packages`)]),
    ...sdists.map((sdist): [string, Buffer] => [sdistFileName(sdist), sdistBytes(sdist)]),
  ]);
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/${prefix}/simple/`,
    port,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function normalized(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** 1980-01-01, the first day a zip can name. */
const DOS_DATE = (1 << 5) | 1;

/** A zip archive of stored (uncompressed) entries: local headers, central directory, end record. */
function zipOf(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below counts
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
