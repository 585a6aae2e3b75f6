/** When a phase of a run lets the next one start (src/run/phase-release.mjs). */
export declare const RELEASE_ENV: 'BROKER_CONTRACT_RELEASE_DIR';
export declare function releaseDir(env: Record<string, string | undefined>): string | undefined;
export declare function markReleased(env: Record<string, string | undefined>, file: string): void;
export declare function allReleased(dir: string, files: readonly string[]): boolean;
export declare function watchRelease(
  dir: string,
  files: readonly string[],
  options?: { pollMs?: number },
): { released: Promise<void>; stop(): void };
