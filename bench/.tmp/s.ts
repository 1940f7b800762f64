import { generateKeyPairSync } from 'node:crypto';
import { createContentDigest, signHttpMessage } from '../../src/signatures/index.ts';
const { privateKey } = generateKeyPairSync('ed25519');
const req = { method: 'POST', url: 'https://hooks.example.com/a/b?x=1', headers: { 'content-type': 'application/json', 'content-digest': createContentDigest('abc') } as Record<string,string> };
const t = performance.now(); let n = 0;
while (performance.now() - t < 4000) { await signHttpMessage(req, { key: privateKey, keyid: 'k', components: ['@method','@target-uri','content-type','content-digest'], created: 1 }); n++; }
console.log((4000000 / n).toFixed(1), 'us/op');
