// Runs PGlite and its PostgreSQL wire-protocol server in a worker thread, so long queries do
// not block the event loop that serves HTTP and sockets. Plain ESM on purpose: jest cannot load
// PGlite inside its module system, but a worker started from this file works everywhere.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir, host, port, maxConnections } = workerData;

let db;
let server;

async function start() {
  db = await PGlite.create(dataDir ? { dataDir } : {});
  server = new PGLiteSocketServer({ db, host, port, maxConnections });
  await server.start();
  const address = server.getServerConn();
  const actualPort = Number(address.slice(address.lastIndexOf(':') + 1));
  parentPort.postMessage({ type: 'ready', port: actualPort });
}

async function stop() {
  try {
    await server?.stop();
  } finally {
    if (db && !db.closed) await db.close();
  }
  parentPort.postMessage({ type: 'stopped' });
}

parentPort.on('message', (message) => {
  if (message?.type === 'stop') {
    stop().catch((error) =>
      parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) }),
    );
  }
});

start().catch((error) => {
  parentPort.postMessage({ type: 'error', message: String(error?.stack ?? error) });
});
