/** Types for the verbatim provider snippet in sidclaw-snippet.js. */
export declare function verifySignature(body: string | Uint8Array, secret: string, signature: string): boolean;
