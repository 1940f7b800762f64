// `hookspec check` as a library call: grades a receiver with the battery of the spec's scheme
// (genuine deliveries of every event, odd JSON forms, forgeries, a replay, the previous secret).
import { checkReceiver } from 'hookspec/check';

export async function checkAcmeReceiver(url: string, secret: string, previousSecret: string) {
  const report = await checkReceiver({ spec: 'examples/bring-your-own-api/acme-notify.yaml', url, secret, previousSecret });
  for (const result of report.results.filter((r) => r.verdict === 'fail')) console.error(`${result.id}: ${result.advice}`);
  return report;
}
