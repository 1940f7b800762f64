// The SidClaw provider documentation's verification snippet, copied verbatim
// (only the import above it and the export below it are added).
import crypto from 'node:crypto';

function verifySignature(body, secret, signature) {
const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex');
return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

export { verifySignature };
