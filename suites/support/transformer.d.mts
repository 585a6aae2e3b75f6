/** @swc/jest, loaded only on a cache miss (suites/support/transformer.mjs). */
import type { SyncTransformer } from '@jest/transform';

export declare function createTransformer(swcOptions: unknown): SyncTransformer<unknown>;
declare const _default: { createTransformer: typeof createTransformer };
export default _default;
