/**
 * The engine's compute face, for the training worker, the CLI and the
 * benchmarks: training, pruning, data batching and backends, on top of
 * everything in the spec face (./spec), which it re-exports.
 *
 * Kernel registrations that must load only when their backend is chosen
 * (backend/webgpu/register, backend/wasmConvGrads, backend/wasmFastMatMul,
 * sparse/enable) are not exported here: callers import() them by path, so
 * loading this file never registers a backend as a side effect.
 */
export * from './spec';
export * from './backend/calibrate';
export * from './backend/select';
export * from './data/batcher';
export * from './data/cifar10Fixture';
export * from './experiment/control';
export * from './experiment/evaluate';
export * from './experiment/runner';
export * from './experiment/trainRound';
export * from './experiment/yieldingControl';
export * from './methods/imp';
export * from './models/model';
export * from './pruning/pruneByCount';
export * from './pruning/random';
export * from './sparse/policy';
export * from './sweep/comparison';
export * from './sweep/executeCell';
export * from './sweep/runner';
export * from './train/sparseNet';
