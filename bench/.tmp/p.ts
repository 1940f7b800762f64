import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { createContentDigest, signHttpMessage, verifyHttpMessage } from '../../src/signatures/index.ts';
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const arb = fc.record({
    path: fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/), { maxLength: 3 }),
    nonce: fc.stringMatching(/^[a-z0-9]{8,16}$/),
    body: fc.uint8Array({ maxLength: 200 }),
    fields: fc.uniqueArray(fc.tuple(fc.constantFrom('x-a','x-b','date','authorization'), fc.string({ maxLength: 40 })), { selector: ([name]) => name, maxLength: 4 }),
});
let t = performance.now();
const samples = fc.sample(arb, 10000);
console.log('gen', performance.now() - t);
const req = { method: 'POST', url: 'https://hooks.example.com/a/b?x=1', headers: { 'x-a': 'hello', 'content-digest': createContentDigest('abc') } as Record<string,string> };
t = performance.now();
for (let i = 0; i < 10000; i++) await signHttpMessage(req, { key: privateKey, components: ['@method','@target-uri','x-a','content-digest'], created: 1 });
console.log('sign', performance.now() - t);
const s = await signHttpMessage(req, { key: privateKey, components: ['@method','@target-uri','x-a','content-digest'], created: 1 });
const m = { ...req, headers: { ...req.headers, ...s.headers } };
t = performance.now();
for (let i = 0; i < 10000; i++) await verifyHttpMessage(m, { key: publicKey, now: () => 1 });
console.log('verify', performance.now() - t);
t = performance.now();
for (let i = 0; i < 10000; i++) await verifyHttpMessage(m, { key: publicKey, now: () => 1, body: 'abc' });
console.log('verify+body', performance.now() - t);
