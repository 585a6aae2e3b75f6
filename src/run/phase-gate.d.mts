/** The gate between two phases of a run (src/run/phase-gate.mjs). */
export declare const GATE_ENV: 'BROKER_CONTRACT_GATE_FILE';
export declare const GATE_OWNER_ENV: 'BROKER_CONTRACT_GATE_OWNER';
export declare function runAlive(env: Record<string, string | undefined>): () => boolean;
export declare function gateFile(env: Record<string, string | undefined>): string | undefined;
export declare function openGate(file: string, env?: Record<string, string>): void;
export declare function waitForGate(
  file: string,
  options?: { pollMs?: number; parentAlive?: () => boolean },
): Promise<Record<string, string>>;
export declare function passGate(
  env: Record<string, string | undefined>,
  options?: { pollMs?: number; parentAlive?: () => boolean },
): Promise<void>;
