import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createApp } from '../bootstrap';
import { describeProblem, IMPORT_LIMITS } from '../question-banks/formats';
import { QuestionBanksService } from '../question-banks/question-banks.service';
import { cliConfig, parseArgs } from './cli-support';

const USAGE = `Usage:
  npm run bank -- import <file> --bank <name> [--dry-run] [--only-valid] [--update-duplicates] [--json]
  npm run bank -- export <bank name> --format xlsx|json|gift --out <file>
  npm run bank -- stats [--bank <name>] [--json]
With the embedded database, stop the server first (its data folder is locked while it runs).`;

const SYSTEM = { actor: null, ip: null };

/** `npm run bank`: the same import, export and statistics as the organizer pages, for scripts. */
async function main(): Promise<number> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const command = positional.at(0);
  const target = positional.at(1);
  const json = flags.json === true;
  if (!command || !['import', 'export', 'stats'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === 'import' && (!target || typeof flags.bank !== 'string')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (
    command === 'export' &&
    (!target ||
      typeof flags.out !== 'string' ||
      !['xlsx', 'json', 'gift'].includes(String(flags.format)))
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  const config = cliConfig({
    LOG_LEVEL: 'error',
    SERVE_CLIENT: 'false',
    SEED_SAMPLE_DATA: 'false',
    ...(process.env.NODE_ENV ? {} : { NODE_ENV: 'production' }),
  });
  const running = await createApp(config);
  try {
    const banks = running.app.get(QuestionBanksService);
    switch (command) {
      case 'import': {
        const file = target ?? '';
        const size = statSync(file).size;
        if (size > IMPORT_LIMITS.maxFileBytes)
          throw new Error(`${file}: file too large (${size} bytes)`);
        const bankName = String(flags.bank);
        const bank =
          (await banks.findBankByName(bankName)) ??
          (flags['dry-run'] ? null : await banks.createBank(SYSTEM, { name: bankName }));
        const report = bank
          ? await banks.importFile(
              SYSTEM,
              bank.id,
              { buffer: readFileSync(file), filename: basename(file) },
              {
                dryRun: flags['dry-run'] === true,
                onlyValid: flags['only-valid'] === true,
                duplicates: flags['update-duplicates'] === true ? 'update' : 'skip',
              },
            )
          : await dryRunWithoutBank(banks, file);
        if (json) {
          const { preview: _preview, ...rest } = report;
          process.stdout.write(`${JSON.stringify(rest)}\n`);
        } else {
          process.stdout.write(`${report.summary}\n`);
          for (const p of report.errors)
            process.stdout.write(`  - ${describeProblem(p, report.format)}\n`);
        }
        return report.errors.length > 0 ? 1 : 0;
      }
      case 'export': {
        const bank = await banks.findBankByName(target ?? '');
        if (!bank) throw new Error(`No bank named "${target ?? ''}"`);
        const file = await banks.exportBank(bank.id, flags.format as 'xlsx' | 'json' | 'gift');
        writeFileSync(String(flags.out), file.buffer);
        process.stdout.write(`Wrote ${String(flags.out)} (${file.buffer.length} bytes)\n`);
        return 0;
      }
      default: {
        let bankId: string | undefined;
        if (typeof flags.bank === 'string') {
          const bank = await banks.findBankByName(flags.bank);
          if (!bank) throw new Error(`No bank named "${flags.bank}"`);
          bankId = bank.id;
        }
        const stats = await banks.stats(bankId);
        if (json) {
          process.stdout.write(`${JSON.stringify(stats)}\n`);
        } else {
          process.stdout.write(
            `Câu hỏi: ${stats.total} (có giải thích: ${stats.withExplanation}, có căn cứ pháp lý: ${stats.withSource})\n`,
          );
          for (const [title, map] of [
            ['Theo chủ đề', stats.byTopic],
            ['Theo mức độ', stats.byDifficulty],
            ['Theo đối tượng', stats.byAudience],
            ['Theo loại', stats.byType],
          ] as const) {
            process.stdout.write(`${title}:\n`);
            for (const [key, n] of Object.entries(map)) process.stdout.write(`  ${key}: ${n}\n`);
          }
        }
        return 0;
      }
    }
  } finally {
    await running.close();
  }
}

/** A dry run into a bank that does not exist yet: check the file against an empty bank. */
async function dryRunWithoutBank(banks: QuestionBanksService, file: string) {
  return banks.checkFile({ buffer: readFileSync(file), filename: basename(file) });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
