/**
 * The only module that imports the wink packages: the part-of-speech tagger (wink-nlp and its 3.6 MB
 * model) and the lemmatizer (wink-lexicon, 1.7 MB). They are a bundle of their own, `dist/wink.js`
 * (esbuild.mjs), which `loadWink` requires on the first WordNet lookup: the engine loads without them.
 */
import lemmatizer from 'wink-lemmatizer';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export { lemmatizer };

/** The tokens of a text with their Universal POS tags. */
export type Tag = (text: string) => { readonly value: string; readonly pos: string }[];

/** Parses the model: about 0.2 s, so once per `PosTagger`. */
export function createTagger(): Tag {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return (text) => {
    const tokens = nlp.readDoc(text).tokens();
    const tags = tokens.out(its.pos);
    return tokens.out(its.value).map((value, i) => ({ value, pos: tags[i] }));
  };
}
