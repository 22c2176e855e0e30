/** The engine's public surface: BERT hidden states, WordPiece alignment and token vectors. No `vscode` here. */
export { BertEncoder, type BertEncoderOptions, type ModelInfo } from './bertEncoder';
export { EngineError, describeError, engineErrorCode, isCancellation, type EngineErrorCode } from '../shared/errors';
export { consoleLogger, silentLogger, type Logger } from '../shared/logger';
export { isLocalModel } from './modelFiles';
export { isHubId, MODEL_FILES, ONNX_FILE, type ModelDtype } from '../shared/modelLayout';
export { tapHiddenStates, type HiddenStateTaps } from './onnxTap';
export { cosine, poolLayers } from './vectors';
export { preTokenize, targetInput, WordPieceAligner, type Piece, type TargetInput } from './wordPieces';
