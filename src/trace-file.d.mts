/** Where a run's trace goes (src/trace-file.mjs). */
export declare const TRACE_ENV: 'BROKER_CONTRACT_TRACE';
export declare function appendSpans(spans: object[]): void;
