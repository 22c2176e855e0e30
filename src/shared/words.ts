/** The 20 words of CoarseWSD-20 (Loureiro et al. 2021). Dependency-free: the extension bundle uses it too. */
export const COARSEWSD20_WORDS = [
  'apple', 'arm', 'bank', 'bass', 'bow', 'chair', 'club', 'crane', 'deck', 'digit',
  'hood', 'java', 'mole', 'pitcher', 'pound', 'seal', 'spring', 'square', 'trunk', 'yard',
] as const;
