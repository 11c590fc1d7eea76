// PostGraphile v5 over the bench database, for `make bench` (bench/servers.py starts it with Node 22).
// Environment: DATABASE_URL (the read-only role's DSN), HOST, PORT. One process, no GraphiQL, no watch.
import { createServer } from "node:http";

import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";

const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? "5678");

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: { explain: false },
  // The API is read-only (its role cannot write): leave out the mutations PostGraphile would generate.
  // Conditions and orderings on every column, as hiraku offers them (its `kind` filter has no index either: the
  // tables are small); by default v5 offers them on indexed columns only.
  disablePlugins: ["MutationPlugin", "PgIndexBehaviorsPlugin"],
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
server.listen(port, host, () => console.log(`postgraphile ready: http://${host}:${port}/graphql`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}
