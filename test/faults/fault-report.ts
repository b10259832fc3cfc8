import { UTILITIES } from '@joint/contracts';

import { LoadResult } from './application-load';
import { DeliveryCounts } from './delivery-check';

/** What one fault run came to, one line of the printed table. */
export interface FaultRow {
  fault: string;
  load: LoadResult;
  counts: DeliveryCounts;
  /** Acknowledged as accepted over HTTP, yet not accepted in intake's database. */
  lost: number;
  /** Outbox rows not yet published right after intake was killed (fault b). */
  unpublishedAtKill?: number;
  /** What was done, and how the signalled processes exited, e.g. `power, intake exit 0,0`. */
  note: string;
  /** From the start of the load until every count converged (or the deadline passed). */
  seconds: number;
}

const COLUMNS = [
  'fault',
  'sent',
  '201',
  'accepted',
  'cases power exp/found',
  'water',
  'gas',
  'received p/w/g',
  'service_step p/w/g',
  'inbox p/w/g/permits',
  'progress ok',
  'stray',
  'dup',
  'missing',
  'lost',
  'unpublished@kill',
  'retries',
  'note',
  's',
];

function cells(row: FaultRow): string[] {
  const { counts, load } = row;
  const per = (pick: (u: (typeof UTILITIES)[number]) => number) => UTILITIES.map(pick).join('/');
  return [
    row.fault,
    String(load.sent),
    String(load.created),
    String(counts.accepted),
    ...UTILITIES.map((u) => `${counts.utilities[u].expected}/${counts.utilities[u].cases}`),
    per((u) => counts.utilities[u].received),
    per((u) => counts.utilities[u].projected),
    Object.values(counts.inbox).join('/'),
    `${counts.progressOk}/${counts.accepted}`,
    String(counts.stray),
    String(counts.duplicates),
    String(counts.missing),
    String(row.lost),
    row.unpublishedAtKill === undefined ? '-' : String(row.unpublishedAtKill),
    String(load.retries),
    row.note || '-',
    row.seconds.toFixed(0),
  ];
}

/** The table of every fault so far, padded to line up in a CI log. */
export function renderTable(rows: FaultRow[]): string {
  const table = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((line) => line[i].length)));
  const render = (line: string[]) => line.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [render(COLUMNS), rule, ...rows.map((row) => render(cells(row)))].join('\n');
}

/** One fault's table line plus what went wrong, written straight to stdout for CI logs. */
export function printFault(row: FaultRow): void {
  const details = [...row.counts.problems, ...row.load.failures.slice(0, 5)];
  const lines = [`\n[faults] ${row.fault}`, renderTable([row])];
  if (details.length > 0) lines.push('problems:', ...details.map((d) => `  - ${d}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function printSummary(rows: FaultRow[]): void {
  process.stdout.write(`\n[faults] summary\n${renderTable(rows)}\n`);
}
