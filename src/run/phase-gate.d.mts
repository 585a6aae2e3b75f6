/** The gate between two phases of a run (src/run/phase-gate.mjs). */
export declare const GATE_ENV: 'BROKER_CONTRACT_GATE_FILE';
export declare function gateFile(env: Record<string, string | undefined>): string | undefined;
export declare function openGate(file: string, env?: Record<string, string>): void;
export declare function waitForGate(
  file: string,
  options?: { pollMs?: number; parentAlive?: () => boolean },
): Promise<Record<string, string>>;
