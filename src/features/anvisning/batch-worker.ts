// Worker thread of batchKompatibilitet (batch.ts): works out one part's households and judges its pairs
// (batchDel), and answers with the pairs and counts in typed arrays, moved, not copied. The parameters come as
// their law/ data once per Params and worker, and are kept.
import { parentPort } from 'node:worker_threads';
import { paramsFrom, type LawParam, type Params } from '../../law/params.ts';
import { batchDel, flyttes, type DelOpgave } from './batch.ts';

const kendte = new Map<number, Params>();

parentPort!.on('message', (m: { opgave: DelOpgave; params: { nr: number; liste?: LawParam[] } }) => {
  let params = kendte.get(m.params.nr);
  if (!params) kendte.set(m.params.nr, (params = paramsFrom(m.params.liste!)));
  const svar = batchDel(m.opgave, params);
  parentPort!.postMessage(svar, flyttes(svar));
});
