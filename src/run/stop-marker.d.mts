/** The stop marker of a run that stops at its first failed clause (src/run/stop-marker.mjs). */
export declare const STOP_ENV: 'BROKER_CONTRACT_STOP_FILE';
export declare function stopFile(env: Record<string, string | undefined>): string | undefined;
export declare function isFailure(thrown: unknown): boolean;
export declare function markStopped(file: string, clause: string): void;
export declare function stopReason(env: Record<string, string | undefined>): string | undefined;
