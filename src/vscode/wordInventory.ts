/**
 * The CoarseWSD-20 inventory on the VS Code side: finding the words needs no model, so hovers over
 * other words, the plot command and the document's occurrences never load the engine bundle
 * (`senses/inventory` and `senses/words` are dependency-free leaves, see layering.test.ts).
 */
import { Inventory } from '../shared/inventory';
import { COARSEWSD20_WORDS } from '../shared/words';

export const inventory = new Inventory(COARSEWSD20_WORDS);
