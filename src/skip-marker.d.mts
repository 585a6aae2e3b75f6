/** The `name` of a thrown `Skipped` (src/skip-marker.mjs, decision 0011). */
export declare const SKIPPED: 'Skipped';
