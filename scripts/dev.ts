// pnpm dev: the API with --watch on PORT (3000) and Vite with hot reload on 5173, proxying /trpc.
// Links in emails point at Vite. Ctrl-C stops both.
import { type ChildProcess, spawn } from 'node:child_process';

const apiPort = process.env.PORT ?? '3000';
const env = { ...process.env, PORT: apiPort, API_PORT: apiPort, PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173' };
const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch', 'server/src/main.ts'], { stdio: 'inherit', env }),
  spawn('pnpm', ['exec', 'vite', '--config', 'vite.config.ts', '--port', '5173'], { stdio: 'inherit', env }),
];

function stop(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
