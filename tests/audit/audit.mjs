// Runs graphql-http's server audits (GraphQL over HTTP) against the URL given as the only argument and prints
// one JSON array of {id, name, status, reason, responseStatus} on stdout. The verdict is the caller's.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs http://host:port/graphql');
  process.exit(2);
}

const results = [];
for (const { fn } of serverAudits({ url })) {
  // One at a time: the audits are small, and their order keeps the server's log readable.
  const result = await fn();
  results.push({
    id: result.id,
    name: result.name,
    status: result.status,
    reason: result.reason ?? null,
    responseStatus: result.response?.status ?? null,
  });
}
process.stdout.write(JSON.stringify(results));
