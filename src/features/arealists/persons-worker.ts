// Worker thread of aggregatePersonsFile (persons.ts): parses one part of a person file and answers with only the
// counts and sums per area and data year, never a record.
import { parentPort } from 'node:worker_threads';
import { parsePart, type PartTask } from './persons.ts';

parentPort!.on('message', (task: PartTask) => parentPort!.postMessage(parsePart(task)));
