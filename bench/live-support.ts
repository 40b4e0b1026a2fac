/**
 * Helpers of the live-final benchmark (bench/live.ts): the server process's CPU time and memory
 * from /proc, the machine, dropping the benchmark database, and loopback source addresses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';

/** CPU seconds (user + system, all threads) used so far by a process, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  return statCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** CPU seconds from the text of a /proc/<pid>/stat. */
function statCpuSeconds(stat: string): number {
  // The command name (field 2) may contain spaces: the fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields.at(11)) + Number(fields.at(12)); // utime, stime (fields 14, 15)
  return ticks / 100; // USER_HZ is 100 on Linux
}

/**
 * CPU seconds used so far by every PostgreSQL process of this machine (the postmaster and its
 * backends, by command name), from /proc; a backend that exits between two readings takes its
 * time with it, so read it around a load whose connections stay open.
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name === 'postgres') total += statCpuSeconds(stat);
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Resident memory of a process in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) * 1024;
}

export function machineDescription(database: string): {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  database: string;
} {
  let os: string = process.platform;
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    os = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1] ?? os;
  } catch {
    // not Linux
  }
  return {
    cores: cpus().length,
    cpuModel: cpus().at(0)?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os,
    database,
  };
}

/** The version string of the PostgreSQL server at `url`. */
export async function postgresVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    ).rows;
    return `PostgreSQL ${rows.at(0)?.v ?? '?'}`;
  } finally {
    await client.end();
  }
}

/**
 * The loopback source address of the i-th bot when `perAddress` bots share one: 127.0.0.2,
 * 127.0.0.3, … (all of 127.0.0.0/8 reaches the server on 127.0.0.1 on Linux). Spreads the bots
 * over addresses like phones over a network; 0 keeps them all on 127.0.0.1.
 */
export function loopbackAddress(i: number, perAddress: number): string | undefined {
  if (perAddress <= 0) return undefined;
  const n = Math.floor(i / perAddress) + 2;
  if (n > 254 * 254) throw new Error('too many loopback addresses');
  return `127.0.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
