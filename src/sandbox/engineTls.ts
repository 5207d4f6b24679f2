// TLS for tcp:// engines, with the files the Docker CLI reads: named ones (settings, flags), else the
// context's, else DOCKER_TLS_VERIFY with ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH (~/.docker).
// Messages name the files, never what is in them: a key's contents must not reach a log.
import * as fs from 'fs';
import * as path from 'path';
import { EngineError } from '../core/run/engineError';
import type { EngineAccess } from '../core/settings/settingsModel';
import type { ContextEndpoint } from './dockerContext';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Where the CA came from, for messages; undefined: the CAs this machine trusts. */
  caFile?: string;
  certFile?: string;
  /** False only for a context with SkipTLSVerify. */
  verify: boolean;
}

interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

/** The TLS an engine address asks for; undefined for plain HTTP. */
export function tlsMaterialFor(host: string, access: EngineAccess, env: NodeJS.ProcessEnv, home: string, context?: ContextEndpoint): TlsMaterial | undefined {
  const files = tlsFilesFor(host, access, env, home, context);
  if (!files) return undefined;
  if ((files.cert === undefined) !== (files.key === undefined)) {
    throw new EngineError('unreachable', `A TLS client certificate needs its key and a key its certificate: got only ${files.cert ?? files.key}.`);
  }
  return {
    ca: files.ca === undefined ? undefined : readTlsFile(files.ca, 'CA certificate'),
    cert: files.cert === undefined ? undefined : readTlsFile(files.cert, 'client certificate'),
    key: files.key === undefined ? undefined : readTlsFile(files.key, 'client key'),
    caFile: files.ca,
    certFile: files.cert,
    verify: files.verify,
  };
}

function tlsFilesFor(host: string, access: EngineAccess, env: NodeJS.ProcessEnv, home: string, context?: ContextEndpoint): TlsFiles | undefined {
  if (!/^(tcp|https):/.test(host)) return undefined;
  if (access.tlsCa || access.tlsCert || access.tlsKey) return { ca: access.tlsCa, cert: access.tlsCert, key: access.tlsKey, verify: true };
  if (context) {
    if (!context.tlsDir) return host.startsWith('https:') || context.skipTlsVerify ? { verify: !context.skipTlsVerify } : undefined;
    return { ...existingPems(context.tlsDir), verify: !context.skipTlsVerify };
  }
  // As the Docker CLI: any non-empty DOCKER_TLS_VERIFY turns verification on.
  if (env.DOCKER_TLS_VERIFY) return { ...existingPems(env.DOCKER_CERT_PATH || path.join(home, '.docker')), verify: true };
  return host.startsWith('https:') ? { verify: true } : undefined;
}

/** ca.pem, cert.pem and key.pem of a folder, those that exist. */
function existingPems(dir: string): Omit<TlsFiles, 'verify'> {
  const file = (name: string): string | undefined => (fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : undefined);
  const ca = file('ca.pem');
  if (!ca) throw new EngineError('unreachable', `TLS is on for the engine, but ${path.join(dir, 'ca.pem')} does not exist; set DOCKER_CERT_PATH to the folder of ca.pem, cert.pem and key.pem.`);
  return { ca, cert: file('cert.pem'), key: file('key.pem') };
}

function readTlsFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new EngineError('unreachable', `The TLS ${what} ${file} cannot be read (${(error as NodeJS.ErrnoException).code}).`);
  }
}

const NOT_SIGNED_BY_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE',
]);

/** Words for a TLS handshake that failed, or undefined when the error is not one; these are final, not worth a retry. */
export function tlsRefusal(error: unknown, host: string, tls: TlsMaterial): string | undefined {
  const code = String((error as NodeJS.ErrnoException | undefined)?.code ?? '');
  const message = String((error as Error | undefined)?.message ?? '');
  const ca = tls.caFile ? `the CA in ${tls.caFile}` : 'any CA this machine trusts';
  if (NOT_SIGNED_BY_CA.has(code)) return `The engine's certificate at ${host} is not signed by ${ca}; refused. Check which CA signed the engine's certificate.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `The engine's certificate at ${host} is not made out for that address (${message}); refused.`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `The engine's certificate at ${host} is not valid now (${code}); refused.`;
  if (/^ERR_SSL_(TLSV1|SSLV3)_ALERT/.test(code)) {
    const cert = tls.certFile ? `the client certificate ${tls.certFile}` : 'no client certificate (set one with selfHeal.docker.tlsCert and tlsKey, or --tls-cert and --tls-key)';
    return `The engine at ${host} refused the TLS connection with ${cert} (${code.replace(/^ERR_SSL_/, '').toLowerCase()}).`;
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number/i.test(message)) return `The engine at ${host} does not speak TLS; use its TLS port, or unset DOCKER_TLS_VERIFY for a plain one.`;
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || code.startsWith('ERR_OSSL_')) return `TLS with the engine at ${host} failed: ${code}.`;
  return undefined;
}
