/**
 * The floor under the live final's targets on this machine: `npm run bench:floor [-- --clients
 * 10000 --payload 1200 --rounds 3]`.
 *
 * Starts a **bare socket.io server** (socket.io and Node only: no Nest, no validation, no
 * database, no game; an acked event answered at once, one room) as its own process, connects
 * `clients` socket.io-client sockets from this process on the websocket transport (as
 * `bench:live`'s bots), then, `rounds` times:
 *   - delivery: one `emit` to the room of a payload of `payload` bytes (about a live room view);
 *     time from the emit request to each client's receipt (one clock: the request leaves from
 *     this process);
 *   - burst: every client sends one acked event at a random moment within 1 s; time from emit to
 *     ack (as `bench:live`'s "ack p99, all within 1 s").
 * What it measures is what socket.io and the machine cost per message with nothing of ours on
 * top, with the clients sharing the same cores, as in `bench:live`. Prints one JSON object as its
 * last line; progress on stderr.
 */
import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { parseArgs } from '../src/cli/cli-support';
import { cpuSeconds } from './live-support';
import { machine, percentiles, sleep, startBareServer } from './support';

const SERVER = `
const { Server } = require('socket.io');
const io = new Server(Number(process.env.PORT), { transports: ['websocket'], serveClient: false });
io.on('connection', (socket) => {
  if (socket.handshake.auth && socket.handshake.auth.controller) {
    socket.on('broadcast', (payload, ack) => { io.to('all').emit('view', payload); ack(true); });
    return;
  }
  socket.join('all');
  socket.on('answer', (payload, ack) => ack({ ok: true, questionIndex: payload.questionIndex }));
});
process.stdout.write('ready\\n');
`;

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const clients = Number(flags.clients ?? 10_000);
  const payloadBytes = Number(flags.payload ?? 1200);
  const rounds = Number(flags.rounds ?? 3);
  const { child, pid, port } = await startBareServer(SERVER);
  const url = `http://127.0.0.1:${String(port)}`;
  const sockets: Socket[] = [];
  try {
    const connectOne = (auth: Record<string, unknown>) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(url, { transports: ['websocket'], reconnection: false, auth });
        socket.once('connect', () => {
          resolve(socket);
        });
        socket.once('connect_error', reject);
      });
    const controller = await connectOne({ controller: true });
    for (let done = 0; done < clients; done += 200) {
      const batch = Math.min(200, clients - done);
      sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connectOne({})))));
      if ((done / 200) % 10 === 0)
        process.stderr.write(
          `[bench:floor] connected ${String(sockets.length)}/${String(clients)}\n`,
        );
    }
    await sleep(1000);

    const payload = { text: 'x'.repeat(payloadBytes), options: ['A', 'B', 'C', 'D'] };
    const deliveries: number[] = [];
    const acks: number[] = [];
    const cpu = { delivery: 0, burst: 0 };
    for (let round = 0; round < rounds; round++) {
      // Delivery: one emit to the room.
      const received = new Promise<void>((resolve) => {
        let left = sockets.length;
        const sent = performance.now();
        for (const socket of sockets) {
          socket.once('view', () => {
            deliveries.push(performance.now() - sent);
            if (--left === 0) resolve();
          });
        }
        controller.emit('broadcast', payload, () => undefined);
      });
      const cpuBefore = cpuSeconds(pid);
      await received;
      cpu.delivery += cpuSeconds(pid) - cpuBefore;
      await sleep(1000);

      // Burst: every client answers once within 1 s.
      const cpuBurst = cpuSeconds(pid);
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              setTimeout(() => {
                const sent = performance.now();
                socket.emit('answer', { questionIndex: round, choices: [1] }, () => {
                  acks.push(performance.now() - sent);
                  resolve();
                });
              }, Math.random() * 1000);
            }),
        ),
      );
      cpu.burst += cpuSeconds(pid) - cpuBurst;
      process.stderr.write(`[bench:floor] round ${String(round + 1)}/${String(rounds)} done\n`);
      await sleep(1000);
    }
    controller.disconnect();
    const round = (n: number) => Math.round(n * 100) / 100;
    process.stdout.write(
      `${JSON.stringify({
        benchmark: 'socketio-floor',
        clients,
        rounds,
        payloadBytes,
        deliveryMs: percentiles(deliveries),
        ackMsWithin1s: percentiles(acks),
        serverCpuSecondsPerRound: {
          delivery: round(cpu.delivery / rounds),
          burst: round(cpu.burst / rounds),
        },
        serverCpuMicrosecondsPerMessage: {
          delivery: round((cpu.delivery / rounds / clients) * 1e6),
          burst: round((cpu.burst / rounds / clients) * 1e6),
        },
        machine: machine(),
      })}\n`,
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
    child.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
