/**
 * The engine's spec face: everything the lab knows without tfjs. Schemas and
 * types of a run, the catalogs of datasets, models and methods with their
 * labels, teaching text and field help, presets, run ids, the comparison
 * planner, job sizes and time estimates, run files and links, and the
 * tfjs-free data codecs (the dataset worker unpacks CIFAR-10 with them).
 *
 * The page (src/ui, src/store, src/main.tsx) imports the engine only through
 * this file, so its first paint loads no tfjs (scripts/first-paint.test.ts
 * holds that, the architecture rules hold the imports). Nothing exported from
 * here may import tfjs, not even for types.
 */
export * from '../backend/info';
export * from '../backend/calibrationRecord';
export * from '../data/cifar10';
export * from '../data/cifar10Archive';
export * from '../data/gunzip';
export * from '../data/registry';
export * from '../data/tar';
export * from '../data/types';
export * from '../errors';
export * from '../experiment/checkpoint';
export * from '../experiment/compare';
export * from '../experiment/config';
export * from '../experiment/events';
export * from '../experiment/ignoredSettings';
export * from '../experiment/jobSize';
export * from '../experiment/normalise';
export * from '../experiment/plan';
export * from '../experiment/runId';
export * from '../experiment/sparseSpeed';
export * from '../experiment/timeEstimate';
export * from '../io/bytes';
export * from '../io/runFile';
export * from '../io/runSchema';
export * from '../io/urlCodec';
export * from '../methods/registry';
export * from '../methods/types';
export * from '../models/architectures';
export * from '../models/init';
export * from '../models/registry';
export * from '../models/types';
export * from '../presets';
export * from '../pruning/masks';
export * from '../sweep/aggregate';
export * from '../sweep/cellFile';
export * from '../sweep/merged';
export * from '../sweep/spec';
export * from '../sweep/untrusted';
export * from '../util/ownKeys';
export * from '../util/rng';
