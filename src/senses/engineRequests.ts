/**
 * What a well-formed request of each kind carries (`EngineCalls`), checked before its handler
 * runs: a malformed one gets a `bad-request` reply instead of a TypeError deep in the engine.
 * Shapes only; the values (a `layers` beyond the model, a `knn` k of 0) are the engine's to judge.
 */
import type { EngineCalls } from '../shared/engineProtocol';

type Check = (value: unknown) => string | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (v) => (typeof v === 'string' ? undefined : 'must be a string');
const number: Check = (v) => (typeof v === 'number' ? undefined : 'must be a number');
const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be a boolean');
const oneOf = (...values: string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? undefined : `must be ${values.join(' or ')}`);
const optional = (check: Check): Check => (v) => (v === undefined ? undefined : check(v));

function object(fields: Record<string, Check>): Check {
  return (value) => {
    if (!isRecord(value)) return 'must be an object';
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(value[name]);
      if (problem) return `${name} ${problem}`;
    }
    return undefined;
  };
}

const array = (item: Check): Check => (value) => {
  if (!Array.isArray(value)) return 'must be an array';
  for (const [i, v] of value.entries()) {
    const problem = item(v);
    if (problem) return `[${i}] ${problem}`;
  }
  return undefined;
};

const span = object({ start: number, end: number, surface: string });
const target = object({ word: string, surface: string, start: number, end: number });
const run = object({ vector: object({ layers: number, pooling: string }), classifier: optional(object({ method: string })) });
const occurrence = object({ target, context: string, contextStart: number, contextEnd: number });
const none = object({});

export const ENGINE_REQUESTS: { readonly [K in keyof EngineCalls]: Check } = {
  load: none,
  classify: object({ text: string, target, run }),
  classifyAll: object({ text: string, run }),
  reclassify: object({ occurrences: array(occurrence), run }),
  findOccurrences: object({ text: string, limit: number }),
  plot: object({ word: string, occurrences: array(occurrence), run }),
  rankWordNet: object({ text: string, span, run, hovers: optional(oneOf('ambiguous', 'all')) }),
  plotWordNet: object({ word: string, occurrences: array(occurrence), run }),
  wordNetOccurrences: object({ text: string, word: string }),
  rankWordNetConfident: object({ text: string, spans: array(span), run }),
  clearCache: none,
  teach: object({ word: string, sentence: string, start: number, end: number, sense: optional(string), label: optional(string), store: optional(string) }),
  forget: object({ word: string, sense: string, sentence: string, start: number, end: number, store: optional(string) }),
  renameSense: object({ word: string, sense: string, label: string, store: optional(string) }),
  deleteSense: object({ word: string, sense: string, store: optional(string) }),
  taughtSenses: object({ reload: boolean }),
};
