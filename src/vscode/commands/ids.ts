/** Every command id of the extension (declared in package.json `contributes.commands`). */
export const CommandId = {
  plotSenses: 'bertWordSense.plotSenses',
  analyzeSelection: 'bertWordSense.analyzeSelection',
  analyzeWorkspace: 'bertWordSense.analyzeWorkspace',
  clearCache: 'bertWordSense.clearCache',
  teachSense: 'bertWordSense.teachSense',
  showTaughtSenses: 'bertWordSense.showTaughtSenses',
  refreshTaughtSenses: 'bertWordSense.refreshTaughtSenses',
  /** The Taught Senses view's click on an example (not in the palette). */
  openTaughtExample: 'bertWordSense.openTaughtExample',
  renameSense: 'bertWordSense.renameSense',
  forgetExample: 'bertWordSense.forgetExample',
  deleteSense: 'bertWordSense.deleteSense',
  showLog: 'bertWordSense.showLog',
  selectModelFolder: 'bertWordSense.selectModelFolder',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
