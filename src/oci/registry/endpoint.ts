/**
 * How Trestle reaches a registry host: which schemes it may use and how it checks TLS certificates.
 *
 * - Hosts are reached over HTTPS, with the certificate verified against Node's CAs plus any CA in
 *   `SSL_CERT_FILE` / `SSL_CERT_DIR` (the variables Go, and so Skaffold and ko, honour;
 *   `NODE_EXTRA_CA_CERTS` works too, through Node itself) plus Docker's per-registry directory
 *   `/etc/docker/certs.d/<host[:port]>/*.crt`.
 * - Loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) may also be reached over plain HTTP, as Docker,
 *   containerd and go-containerregistry allow. They are tried over HTTP first (no TLS set-up for the common
 *   local registry; a TLS-only server answers that with an error, and HTTPS comes next). Their TLS
 *   certificates are still verified when they speak TLS.
 * - Hosts named as insecure (Skaffold's `--insecure-registry`, `SKAFFOLD_INSECURE_REGISTRY`, global
 *   config `insecure-registries`, `build.insecureRegistries`) are tried over HTTPS, then plain HTTP, and
 *   their TLS certificates are not verified: Docker's `insecure-registries` semantics. An entry is
 *   `host[:port]` (a bare host matches every port), optionally with a scheme, or an IPv4 CIDR such as
 *   `10.0.0.0/8`.
 */
import { readFileSync, readdirSync } from "node:fs";
import { isIPv4 } from "node:net";
import { join } from "node:path";
import { rootCertificates } from "node:tls";

/** TLS settings for connections to one host. */
export interface TlsSettings {
  /** Trusted CAs, when they differ from Node's defaults. */
  readonly ca?: readonly string[];
  readonly rejectUnauthorized: boolean;
}

/** How to reach registry hosts: the schemes to try, in order, and their TLS settings. */
export interface EndpointPolicy {
  schemes(host: string): readonly ("https" | "http")[];
  tls(host: string): TlsSettings;
}

/** Inputs to the endpoint policy. */
export interface EndpointOptions {
  readonly insecureRegistries?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Docker's per-registry certificate directory; default `/etc/docker/certs.d`. */
  readonly certsDir?: string;
}

/** The host name of `host[:port]` (also `[v6]:port`). */
export function hostName(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

export function isLoopbackHost(host: string): boolean {
  const name = hostName(host).toLowerCase();
  return (
    name === "localhost" || name.endsWith(".localhost") || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name)
  );
}

/** The API host of a registry: Docker Hub's registry answers at `index.docker.io`. */
export function apiHost(registry: string): string {
  return registry === "docker.io" ? "index.docker.io" : registry;
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inCidr(host: string, cidr: string): boolean {
  const [base = "", bitsText = ""] = cidr.split("/");
  const bits = Number(bitsText);
  const name = hostName(host);
  if (!isIPv4(base) || !isIPv4(name) || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : Math.trunc(2 ** 32 - 2 ** (32 - bits));
  return (ipv4ToInt(base) & mask) >>> 0 === (ipv4ToInt(name) & mask) >>> 0;
}

/** True when `host` is covered by one of the insecure-registry entries. */
export function isInsecureHost(host: string, entries: readonly string[]): boolean {
  return entries.some((raw) => {
    const entry = raw
      .replace(/^[a-z]+:\/\//i, "")
      .replace(/\/+$/, "")
      .toLowerCase();
    if (entry.includes("/")) return inCidr(host, entry);
    return entry === host.toLowerCase() || (!/:\d+$/.test(entry) && entry === hostName(host).toLowerCase());
  });
}

const PEM_END = "-----END CERTIFICATE-----";

/** The distinct PEM certificates in these files (a bundle and a directory of the same CAs add nothing twice). */
function readCerts(files: readonly string[]): string[] {
  const out = new Set<string>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue; // a missing or unreadable CA file adds nothing; the TLS error then says what to do
    }
    for (const part of text.split(PEM_END)) {
      const begin = part.indexOf("-----BEGIN CERTIFICATE-----");
      if (begin !== -1) out.add(`${part.slice(begin).trim()}\n${PEM_END}\n`);
    }
  }
  return [...out];
}

function certFilesIn(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => pattern.test(name))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The policy described at the top of this file. */
export function createEndpointPolicy(options: EndpointOptions = {}): EndpointPolicy {
  const env = options.env ?? process.env;
  const insecure = options.insecureRegistries ?? [];
  const certsDir = options.certsDir ?? "/etc/docker/certs.d";
  // Node already trusts NODE_EXTRA_CA_CERTS; reading the same bundle again would only cost time.
  const certFile = env["SSL_CERT_FILE"];
  const globalFiles = [
    ...(certFile && certFile !== env["NODE_EXTRA_CA_CERTS"] ? [certFile] : []),
    ...(env["SSL_CERT_DIR"] ?? "")
      .split(":")
      .filter((dir) => dir !== "")
      .flatMap((dir) => certFilesIn(dir, /\.(pem|crt)$/)),
  ];
  let globalCerts: string[] | undefined;
  let globalCa: readonly string[] | undefined;
  const cache = new Map<string, TlsSettings>();
  return {
    schemes(host) {
      if (isLoopbackHost(host) && !isInsecureHost(host, insecure)) return ["http", "https"];
      return isInsecureHost(host, insecure) ? ["https", "http"] : ["https"];
    },
    tls(host) {
      let settings = cache.get(host);
      if (settings === undefined) {
        globalCerts ??= readCerts(globalFiles);
        const own = readCerts(certFilesIn(join(certsDir, host), /\.crt$/));
        // One shared array for every host without a certs.d entry, so the transport builds one TLS context.
        if (own.length === 0 && globalCerts.length > 0) globalCa ??= [...rootCertificates, ...globalCerts];
        const ca = own.length === 0 ? globalCa : [...rootCertificates, ...globalCerts, ...own];
        settings = {
          rejectUnauthorized: !isInsecureHost(host, insecure),
          ...(ca === undefined ? {} : { ca }),
        };
        cache.set(host, settings);
      }
      return settings;
    },
  };
}
