/**
 * Serves the built add-in (dist/) on 127.0.0.1: the playground for people without Excel,
 * and the pages the end-to-end tests drive. Run: npm run playground
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import sirv from "sirv";

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export function distFolder(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, "package.json"))) return path.join(dir, "dist");
    dir = path.dirname(dir);
  }
  throw new Error("dist/ not found");
}

export function startServer(port = 0, root = distFolder()): Promise<RunningServer> {
  if (!fs.existsSync(path.join(root, "playground.html"))) {
    return Promise.reject(new Error(`${root} has no playground.html: run npm run build first`));
  }
  const serve = sirv(root, { dev: false, etag: true });
  const server = http.createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end("Not found");
    })
  );
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8080);
  startServer(port)
    .then((s) => {
      process.stdout.write(
        `Playground: ${s.url}playground.html\nTask pane outside Office: ${s.url}taskpane.html\nPress Ctrl+C to stop.\n`
      );
    })
    .catch((err: Error) => {
      process.stderr.write(`playground: ${err.message}\n`);
      process.exitCode = 1;
    });
}
